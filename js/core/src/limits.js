// The engine's limits (src/core/limits.hpp) as the loaded module reports them. JS refuses at the
// door what the engine would refuse, with the same numbers: the engine owns each limit.

let known

/** Learns the limits from a loaded engine module (module.js does this once per load). */
export function learnLimits(module) {
  known ??= Object.freeze(JSON.parse(module.limits()))
}

/**
 * `{ maxNameChars, maxPayloadBytes, maxJsonDepth, maxErrorBytes, maxReasonBytes, maxDurationMs }`.
 * Throws if no engine module has loaded yet: every caller runs after one has.
 */
export function engineLimits() {
  if (!known) throw new Error('Crux: the engine module has not loaded yet, so its limits are unknown')
  return known
}
