// Snapshots handed to subscribers and hooks are frozen all the way down: a caller cannot change
// what another one sees.

/** Freezes `value` and everything inside it; returns it. */
export function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze(value[key])
    Object.freeze(value)
  }
  return value
}
