// Immutable Plan snapshots and their subscribers. A snapshot is the same frozen object until
// its plan changes, as useSyncExternalStore needs; listeners hear of committed changes only.

export class PlanSnapshots {
  /** @type {Map<string, object>} */
  #byId = new Map()
  /** @type {Map<string, Set<(plan: object | undefined) => void>>} */
  #listeners = new Map()

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
    for (const listener of [...(this.#listeners.get(id) ?? [])]) {
      try {
        listener(snapshot)
      } catch (error) {
        console.error('[crux] a plan listener threw:', error)
      }
    }
  }

  subscribe(id, listener) {
    let set = this.#listeners.get(id)
    if (!set) this.#listeners.set(id, (set = new Set()))
    const entry = (plan) => listener(plan)
    set.add(entry)
    return () => {
      set.delete(entry)
      if (set.size === 0 && this.#listeners.get(id) === set) this.#listeners.delete(id)
    }
  }
}

function deepFreeze(value) {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze(value[key])
    Object.freeze(value)
  }
  return value
}
