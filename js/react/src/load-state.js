'use client'
// Whether an instance has loaded its store, as a small store of its own: React cannot await
// crux.ready(), so its outcome is kept here, once per instance, for useSyncExternalStore.

export const LOADING = Object.freeze({ status: 'loading' })
const LOADED = Object.freeze({ status: 'loaded' })

const states = new WeakMap()

/** The load state of `crux`: `current` (one frozen object per state) and `listen(onChange)`. */
export function loadStateOf(crux) {
  let state = states.get(crux)
  if (state) return state
  const listeners = new Set()
  state = {
    current: LOADING,
    listen(onChange) {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
  }
  states.set(crux, state)
  const settle = (next) => {
    state.current = next
    for (const listener of [...listeners]) listener()
  }
  crux.ready().then(
    () => settle(LOADED),
    (error) => settle(Object.freeze({ status: 'failed', error })),
  )
  return state
}
