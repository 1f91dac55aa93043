'use client'
import { useCruxSource } from './crux-context.js'
import { useCruxStore, useLoadFailure } from './crux-store.js'

/**
 * The status of run `flowId` (what `handle.status()` resolves to), live: re-renders once per
 * committed change of the run. Undefined while the instance loads, for an unknown run, and
 * while `flowId` is null or undefined. Throws the instance's load error, if it failed to load,
 * to the nearest error boundary.
 */
export function useFlow(flowId) {
  const source = useCruxSource()
  const failure = useLoadFailure(source)
  const status = useCruxStore(source, flowId, subscribeFlow, peekFlow)
  if (failure) throw failure
  return status
}

const subscribeFlow = (crux, flowId, onChange) => crux.subscribeFlow(flowId, onChange)
const peekFlow = (crux, flowId) => crux.peekFlow(flowId)
