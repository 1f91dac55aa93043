// Immutable Plan snapshots and their subscribers. A snapshot is the same frozen object until
// its plan changes, as useSyncExternalStore needs; listeners hear of committed changes only.

import { KeyedListeners } from './keyed-listeners.js'

export class PlanSnapshots {
  /** @type {Map<string, object>} */
  #byId = new Map()
  #listeners = new KeyedListeners('plan')

  /** The stable snapshot for a plan as the engine returned it (parsed JSON or null). */
  resolve(plan) {
    if (plan === null || plan === undefined) return undefined
    const cached = this.#byId.get(plan.id)
    if (cached && cached.version === plan.version && cached.updatedAt === plan.updatedAt) return cached
    const snapshot = deepFreeze(plan)
    this.#byId.set(plan.id, snapshot)
    return snapshot
  }

  /** A committed change: remember the new snapshot and tell the plan's listeners. */
  changed(id, plan) {
    const snapshot = this.resolve(plan)
    if (!snapshot) this.#byId.delete(id)
    this.#listeners.notify(id, snapshot)
  }

  subscribe(id, listener) {
    return this.#listeners.subscribe(id, listener)
  }
}

function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze(value[key])
    Object.freeze(value)
  }
  return value
}
