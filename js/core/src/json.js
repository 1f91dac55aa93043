// JSON text of step results, inputs and payloads, refusing what would not survive a
// round trip through the journal (where JSON.stringify would silently drop or mangle it).

import { NotSerializableError } from './errors.js'

/**
 * The JSON text of `value` (as JSON.stringify would write it), or `undefined` for
 * `undefined`. Throws NotSerializableError naming `what` and the path of the first value
 * that is a function, symbol, bigint, NaN, ±Infinity, a cycle, or an object other than a
 * plain object or array; objects with a toJSON method (Date) are written through it.
 * Inside objects `undefined` is dropped and inside arrays it becomes null, as with JSON.stringify.
 * @param {unknown} value
 * @param {string} what e.g. 'step "draft" result'
 * @returns {string | undefined}
 */
export function toJsonText(value, what) {
  return new JsonWriter(what).write(value, '', '$')
}

class JsonWriter {
  /** @param {string} what */
  constructor(what) {
    this.what = what
    /** Objects on the path from the root to the current value: a repeat is a cycle. */
    this.ancestors = new Set()
  }

  /**
   * The text of `value`, or undefined where JSON.stringify leaves the member out.
   * @param {unknown} value @param {string} key @param {string} path
   * @returns {string | undefined}
   */
  write(value, key, path) {
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
        return this.refuse(path, String(value))
      case 'object':
        if (value === null) return 'null'
        return this.writeObject(value, path)
      case 'bigint':
        return this.refuse(path, 'a bigint')
      case 'symbol':
        return this.refuse(path, 'a symbol')
      default:
        return this.refuse(path, 'a function')
    }
  }

  /** @param {object} value @param {string} path */
  writeObject(value, path) {
    const isArray = Array.isArray(value)
    if (!isArray && !isPlainObject(value)) return this.refuse(path, describeObject(value))
    if (this.ancestors.has(value)) return this.refuse(path, 'a circular reference')
    this.ancestors.add(value)
    let text
    if (isArray) {
      text = '['
      for (let i = 0; i < value.length; i++) {
        if (i > 0) text += ','
        text += this.write(value[i], String(i), `${path}[${i}]`) ?? 'null'
      }
      text += ']'
    } else {
      text = '{'
      for (const key of Object.keys(value)) {
        const member = this.write(value[key], key, memberPath(path, key))
        if (member === undefined) continue
        if (text.length > 1) text += ','
        text += JSON.stringify(key) + ':' + member
      }
      text += '}'
    }
    this.ancestors.delete(value)
    return text
  }

  /** @param {string} path @param {string} description */
  refuse(path, description) {
    const where = path === '$' ? '' : ` at ${path}`
    throw new NotSerializableError(`${this.what}${where} is ${description}, which is not JSON`, {
      details: { path },
    })
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
