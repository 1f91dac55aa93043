import { useCrux } from './crux-context.js'
import { useCruxStore } from './crux-store.js'

/**
 * Every plan, oldest first, live: the same frozen array until a plan is created, changed or
 * deleted. Undefined while the instance loads (an empty store gives []).
 */
export function usePlans() {
  return useCruxStore(useCrux(), ALL, subscribePlans, peekPlans)
}

const ALL = 'all' // the store key: there is one list
const subscribePlans = (crux, _all, onChange) => crux.subscribePlans(onChange)
const peekPlans = (crux) => crux.peekPlans()
