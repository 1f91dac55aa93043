// JSON text of step results, inputs and payloads, refusing what would not survive a
// round trip through the journal (where JSON.stringify would silently drop or mangle it).

import { InvalidArgumentError, NotSerializableError } from './errors.js'
import { engineLimits } from './limits.js'

/**
 * The JSON text of `value` (as JSON.stringify would write it), or `undefined` for
 * `undefined`. Throws NotSerializableError naming `what` and the path of the first value
 * that is a function, symbol, bigint, NaN, ±Infinity, a cycle, a revoked Proxy, a string (or
 * key) holding a lone UTF-16 surrogate, or an object other than a plain object or array; objects
 * with a toJSON method (Date) are written through it.
 * Inside objects `undefined` is dropped and inside arrays it becomes null, as with JSON.stringify.
 * Values nested deeper than the engine's limit (maxJsonDepth) are InvalidArgumentError.
 * @param {unknown} value
 * @param {string} what e.g. 'step "draft" result'
 * @returns {string | undefined}
 */
export function toJsonText(value, what) {
  return new JsonWriter(what).write(value, '')
}

class JsonWriter {
  /** @param {string} what */
  constructor(what) {
    this.what = what
    this.maxDepth = engineLimits().maxJsonDepth
    /** Objects on the path from the root to the current value: a repeat is a cycle. */
    this.ancestors = new Set()
    /** Keys from the root to the current value; the path is spelled out only to refuse. */
    this.keys = []
  }

  /**
   * The text of `value`, or undefined where JSON.stringify leaves the member out.
   * @param {unknown} value @param {string} key
   * @returns {string | undefined}
   */
  write(value, key) {
    if (value !== null && typeof value === 'object') {
      if (isRevokedProxy(value)) return this.refuse('a revoked Proxy')
      if (typeof value.toJSON === 'function') value = value.toJSON(key)
    }
    switch (typeof value) {
      case 'string':
        if (!value.isWellFormed()) return this.refuse(LONE_SURROGATE, NotSerializableError, UTF8_ONLY)
        return JSON.stringify(value)
      case 'boolean':
        return value ? 'true' : 'false'
      case 'undefined':
        return undefined
      case 'number':
        if (Number.isFinite(value)) return String(value)
        return this.refuse(String(value))
      case 'object':
        if (value === null) return 'null'
        return this.writeObject(value)
      case 'bigint':
        return this.refuse('a bigint')
      case 'symbol':
        return this.refuse('a symbol')
      default:
        return this.refuse('a function')
    }
  }

  /** @param {object} value */
  writeObject(value) {
    if (isRevokedProxy(value)) return this.refuse('a revoked Proxy') // as toJSON's result
    const isArray = Array.isArray(value)
    if (!isArray && !isPlainObject(value)) return this.refuse(describeObject(value))
    if (this.ancestors.has(value)) return this.refuse('a circular reference')
    if (this.keys.length >= this.maxDepth) {
      return this.refuse(`nested more than ${this.maxDepth} levels deep`, InvalidArgumentError, '')
    }
    this.ancestors.add(value)
    let text
    if (isArray) {
      text = '['
      for (let i = 0; i < value.length; i++) {
        if (i > 0) text += ','
        this.keys.push(i)
        text += this.write(value[i], String(i)) ?? 'null'
        this.keys.pop()
      }
      text += ']'
    } else {
      text = '{'
      for (const key of Object.keys(value)) {
        this.keys.push(key)
        if (!key.isWellFormed()) this.refuse(`a key with ${LONE_SURROGATE}`, NotSerializableError, UTF8_ONLY)
        const member = this.write(value[key], key)
        this.keys.pop()
        if (member === undefined) continue
        if (text.length > 1) text += ','
        text += JSON.stringify(key) + ':' + member
      }
      text += '}'
    }
    this.ancestors.delete(value)
    return text
  }

  /**
   * @param {string} description
   * @param {typeof NotSerializableError} [ErrorClass]
   * @param {string} [suffix]
   */
  refuse(description, ErrorClass = NotSerializableError, suffix = ', which is not JSON') {
    const path = this.keys.reduce((at, key) => (typeof key === 'number' ? `${at}[${key}]` : memberPath(at, key)), '$')
    const shown = path.length > 120 ? `${path.slice(0, 60)}…${path.slice(-50)}` : path
    const where = path === '$' ? '' : ` at ${shown}`
    throw new ErrorClass(`${this.what}${where} is ${description}${suffix}`, { details: { path } })
  }
}

const LONE_SURROGATE = 'a string with a lone UTF-16 surrogate (U+D800 to U+DFFF without its pair)'
const UTF8_ONLY = ', which Unicode text (UTF-8) cannot hold'

/** Array.isArray throws a TypeError for a revoked Proxy and for nothing else. */
export function isRevokedProxy(value) {
  try {
    Array.isArray(value)
    return false
  } catch {
    return true
  }
}

/** Created by an object literal, JSON.parse or Object.create(null), in any realm. */
function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

function describeObject(value) {
  const name = value.constructor?.name
  if (!name) return 'an object with a prototype'
  return (/^[AEIO]/.test(name) ? 'an ' : 'a ') + name
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

function memberPath(path, key) {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}
