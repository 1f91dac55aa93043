// Decoding of the engine's replies: every binding method returns `{"ok":value}` or
// `{"error":{code,message,details?}}`; the payloads inside are parsed exactly once, here.

import { InvalidArgumentError, errorFromCode } from './errors.js'

/** The value of an engine reply, or the typed CruxError it carries. */
export function unwrap(reply) {
  const envelope = JSON.parse(reply)
  if ('ok' in envelope) return envelope.ok
  const { code, message, details } = envelope.error
  throw errorFromCode(code, message, details)
}

/**
 * Strings cross the Embind boundary as strings only, and as Unicode text: anything else is
 * refused here. (Embind writes a lone surrogate as part of the next character, which would
 * silently change the name.)
 */
export function text(value, what) {
  if (typeof value !== 'string') throw new InvalidArgumentError(`${what} must be a string, got ${describe(value)}`)
  if (!value.isWellFormed()) {
    throw new InvalidArgumentError(`${what} holds a lone UTF-16 surrogate (U+D800 to U+DFFF without its pair), which Unicode text cannot hold`)
  }
  return value
}

/** An options argument: `undefined` means `{}`; anything but an object is refused here. */
export function options(value, what) {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object') throw new InvalidArgumentError(`${what} must be an object`)
  return value
}

function describe(value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
