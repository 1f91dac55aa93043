'use client'
// useSyncExternalStore over one of @crux/core's subscribe/peek pairs (subscribePlan/peekPlan,
// subscribePlans/peekPlans, subscribeFlow/peekFlow). The peeks return the same frozen object
// until a committed change, so React re-renders exactly when something changed.

import { useCallback, useSyncExternalStore } from 'react'
import { instanceOf } from './crux-context.js'
import { loadStateOf, LOADING } from './load-state.js'

/**
 * The live value of `peek(crux, key)`: undefined while `key` is null or undefined.
 * `subscribe(crux, key, onChange)` returns the unsubscribe function. Both must be module-level
 * functions (stable), so that React subscribes again only when the instance or `key` changes.
 * `source` is what useCruxSource() gave (undefined: the default instance).
 */
export function useCruxStore(source, key, subscribe, peek) {
  const subscribeToStore = useCallback(
    (onChange) => {
      if (key == null) return noop
      const crux = instanceOf(source)
      return subscribeAndWhenLoaded(crux, () => subscribe(crux, key, () => onChange()), onChange)
    },
    [source, key, subscribe],
  )
  const getSnapshot = useCallback(() => (key == null ? undefined : peek(instanceOf(source), key)), [source, key, peek])
  return useSyncExternalStore(subscribeToStore, getSnapshot, getServerSnapshot)
}

/**
 * Whether the instance has loaded its store: `{ status: 'loading' | 'loaded' | 'failed', error? }`,
 * one frozen object per state. Server rendering is 'loading'.
 */
export function useLoadState(source) {
  const subscribe = useCallback((onChange) => loadStateOf(instanceOf(source)).listen(onChange), [source])
  const getSnapshot = useCallback(() => loadStateOf(instanceOf(source)).current, [source])
  return useSyncExternalStore(subscribe, getSnapshot, getLoadingSnapshot)
}

/**
 * The error the instance failed to load with, else undefined: only a failure renders, so
 * loading adds no render to the hooks that show undefined until then anyway.
 */
export function useLoadFailure(source) {
  const subscribe = useCallback((onChange) => loadStateOf(instanceOf(source)).listen(onChange), [source])
  const getSnapshot = useCallback(() => loadStateOf(instanceOf(source)).current.error, [source])
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
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
    () => {}, // useLoadState reports a failed load
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

function getLoadingSnapshot() {
  return LOADING
}

function noop() {}
