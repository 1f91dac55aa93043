import { useCrux } from './crux-context.js'
import { useCruxStore } from './crux-store.js'

/**
 * The plan `planId`, live: re-renders once per committed change. Undefined while the instance
 * loads, for a missing or deleted plan, and while `planId` is null or undefined.
 */
export function usePlan(planId) {
  return useCruxStore(useCrux(), planId, subscribePlan, peekPlan)
}

const subscribePlan = (crux, planId, onChange) => crux.subscribePlan(planId, onChange)
const peekPlan = (crux, planId) => crux.peekPlan(planId)
