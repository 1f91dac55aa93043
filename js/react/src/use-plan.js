'use client'
import { useMemo } from 'react'
import { useCruxSource } from './crux-context.js'
import { useCruxStore, useLoadFailure, useLoadState } from './crux-store.js'

/**
 * The plan `planId`, live: re-renders once per committed change. Undefined while the instance
 * loads, for a missing or deleted plan, and while `planId` is null or undefined. If the instance
 * failed to load (its .wasm or its store), throws that CruxError to the nearest error boundary.
 */
export function usePlan(planId) {
  const source = useCruxSource()
  const failure = useLoadFailure(source)
  const plan = useCruxStore(source, planId, subscribePlan, peekPlan)
  if (failure) throw failure
  return plan
}

/**
 * The plan `planId` and what its absence means: `{ status, plan, error }` with status
 * 'loading' (the instance is loading its store), 'found', 'missing' (no such plan, or deleted),
 * 'failed' (the instance failed to load: `error` says why; nothing is thrown) or 'idle' (no id).
 * The same object until one of them changes.
 */
export function usePlanState(planId) {
  const source = useCruxSource()
  const load = useLoadState(source)
  const plan = useCruxStore(source, planId, subscribePlan, peekPlan)
  const status =
    load.status === 'failed' ? 'failed'
    : plan !== undefined ? 'found'
    : planId == null ? 'idle'
    : load.status === 'loaded' ? 'missing'
    : 'loading'
  const error = status === 'failed' ? load.error : undefined
  return useMemo(() => Object.freeze({ status, plan: status === 'found' ? plan : undefined, error }), [status, plan, error])
}

const subscribePlan = (crux, planId, onChange) => crux.subscribePlan(planId, onChange)
const peekPlan = (crux, planId) => crux.peekPlan(planId)
