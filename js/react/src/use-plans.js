'use client'
import { useCruxSource } from './crux-context.js'
import { useCruxStore, useLoadFailure } from './crux-store.js'

/**
 * Every plan, oldest first, live: the same frozen array until a plan is created, changed or
 * deleted. Undefined while the instance loads (an empty store gives []). Throws the instance's
 * load error, if it failed to load, to the nearest error boundary.
 */
export function usePlans() {
  const source = useCruxSource()
  const failure = useLoadFailure(source)
  const plans = useCruxStore(source, ALL, subscribePlans, peekPlans)
  if (failure) throw failure
  return plans
}

const ALL = 'all' // the store key: there is one list
const subscribePlans = (crux, _all, onChange) => crux.subscribePlans(onChange)
const peekPlans = (crux) => crux.peekPlans()
