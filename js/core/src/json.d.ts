/**
 * The JSON text of `value` (as JSON.stringify would write it), or `undefined` for
 * `undefined`. Throws NotSerializableError naming `what` and the path of the first value
 * that JSON cannot carry faithfully (functions, symbols, bigints, NaN, ±Infinity, cycles,
 * objects other than plain objects and arrays; objects with toJSON are written through it).
 */
export function toJsonText(value: unknown, what: string): string | undefined

/** Values nested deeper than this are refused with NotSerializableError. */
export const MAX_DEPTH: number
