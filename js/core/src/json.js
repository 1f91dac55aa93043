// JSON text of step results, inputs and payloads, refusing what would not survive a
// round trip through the journal (where JSON.stringify would silently drop or mangle it).

import { InvalidArgumentError, NotSerializableError } from './errors.js'

/** Deeper values are INVALID_ARGUMENT (as the engine says of deep metadata): the walk is recursive. */
export const MAX_DEPTH = 1000

/**
 * The JSON text of `value` (as JSON.stringify would write it), or `undefined` for
 * `undefined`. Throws NotSerializableError naming `what` and the path of the first value
 * that is a function, symbol, bigint, NaN, ±Infinity, a cycle, or an object other than a
 * plain object or array; objects with a toJSON method (Date) are written through it.
 * Inside objects `undefined` is dropped and inside arrays it becomes null, as with JSON.stringify.
 * Values nested more than MAX_DEPTH levels deep are InvalidArgumentError.
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
    if (value !== null && typeof value === 'object' && typeof value.toJSON === 'function') {
      value = value.toJSON(key)
    }
    switch (typeof value) {
      case 'string':
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
    const isArray = Array.isArray(value)
    if (!isArray && !isPlainObject(value)) return this.refuse(describeObject(value))
    if (this.ancestors.has(value)) return this.refuse('a circular reference')
    if (this.keys.length >= MAX_DEPTH) {
      return this.refuse(`nested more than ${MAX_DEPTH} levels deep`, InvalidArgumentError, '')
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
