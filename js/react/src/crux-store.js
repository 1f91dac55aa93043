// useSyncExternalStore over one of @crux/core's subscribe/peek pairs (subscribePlan/peekPlan,
// subscribePlans/peekPlans, subscribeFlow/peekFlow). The peeks return the same frozen object
// until a committed change, so React re-renders exactly when something changed.

import { useCallback, useSyncExternalStore } from 'react'

/**
 * The live value of `peek(crux, key)`: undefined while `key` is null or undefined.
 * `subscribe(crux, key, onChange)` returns the unsubscribe function. Both must be module-level
 * functions (stable), so that React subscribes again only when `crux` or `key` changes.
 */
export function useCruxStore(crux, key, subscribe, peek) {
  const subscribeToStore = useCallback(
    (onChange) => {
      if (key == null) return noop
      return subscribeAndWhenLoaded(crux, () => subscribe(crux, key, () => onChange()), onChange)
    },
    [crux, key, subscribe],
  )
  const getSnapshot = useCallback(() => (key == null ? undefined : peek(crux, key)), [crux, key, peek])
  return useSyncExternalStore(subscribeToStore, getSnapshot, getServerSnapshot)
}

/**
 * Subscribes, and also calls `onChange` once the instance has loaded its store: the peeks are
 * undefined until then, and loading is no committed change, so no subscriber would hear of it.
 */
function subscribeAndWhenLoaded(crux, subscribe, onChange) {
  let subscribed = true
  const unsubscribe = subscribe()
  crux.ready().then(
    () => subscribed && onChange(),
    () => {}, // an instance that failed to load stays undefined; its calls report the error
  )
  return () => {
    subscribed = false
    unsubscribe()
  }
}

// Server rendering has no store: every hook renders its loading state (undefined) there.
function getServerSnapshot() {
  return undefined
}

function noop() {}
