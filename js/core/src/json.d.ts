/**
 * The JSON text of `value` (as JSON.stringify would write it), or `undefined` for
 * `undefined`. Throws NotSerializableError naming `what` and the path of the first value
 * that JSON cannot carry faithfully (functions, symbols, bigints, NaN, ±Infinity, cycles,
 * revoked proxies, strings or keys with a lone UTF-16 surrogate, objects other than plain
 * objects and arrays; objects with toJSON are written through it). Values nested deeper than
 * the engine's limit are InvalidArgumentError. Needs a loaded engine module (its limits).
 */
export function toJsonText(value: unknown, what: string): string | undefined
