import { useCrux } from './crux-context.js'
import { useCruxStore } from './crux-store.js'

/**
 * The status of run `flowId` (what `handle.status()` resolves to), live: re-renders once per
 * committed change of the run. Undefined while the instance loads, for an unknown run, and
 * while `flowId` is null or undefined.
 */
export function useFlow(flowId) {
  return useCruxStore(useCrux(), flowId, subscribeFlow, peekFlow)
}

const subscribeFlow = (crux, flowId, onChange) => crux.subscribeFlow(flowId, onChange)
const peekFlow = (crux, flowId) => crux.peekFlow(flowId)
