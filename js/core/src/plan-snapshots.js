// Immutable Plan snapshots, the list of them, and their subscribers. A snapshot is the same
// frozen object until its plan changes, and the list the same frozen array until any plan
// changes, as useSyncExternalStore needs; listeners hear of committed changes only.

import { deepFreeze } from './deep-freeze.js'
import { KeyedListeners } from './keyed-listeners.js'

const LIST = 'list' // the one key of the list's listeners

export class PlanSnapshots {
  /** @type {Map<string, object>} */
  #byId = new Map()
  /** @type {readonly object[] | undefined} every plan, oldest first; undefined once stale */
  #list
  #listeners = new KeyedListeners('plan')
  #listListeners = new KeyedListeners('plan list')

  /** The stable snapshot for a plan as the engine returned it (parsed JSON or null). */
  resolve(plan) {
    if (plan === null || plan === undefined) return undefined
    const cached = this.#byId.get(plan.id)
    if (cached && cached.version === plan.version && cached.updatedAt === plan.updatedAt) return cached
    const snapshot = deepFreeze(plan)
    this.#byId.set(plan.id, snapshot)
    return snapshot
  }

  /** The snapshot of plan `id` if one is cached; otherwise the one `read()` (the engine's reply) gives. */
  peek(id, read) {
    return this.#byId.get(id) ?? this.resolve(read())
  }

  /** The stable list; `read()` gives the engine's list when the cached one is stale. */
  list(read) {
    this.#list ??= Object.freeze(read().map((plan) => this.resolve(plan)))
    return this.#list
  }

  /** A committed change: remember the new snapshot and tell the plan's listeners. */
  changed(id, plan) {
    const snapshot = this.resolve(plan)
    if (!snapshot) this.#byId.delete(id)
    this.#list = undefined
    this.#listeners.notify(id, snapshot)
  }

  /** After a commit that changed plans: tell the list's listeners once, with the new list. */
  listChanged(read) {
    if (this.#listListeners.has(LIST)) this.#listListeners.notify(LIST, this.list(read))
  }

  subscribe(id, listener) {
    return this.#listeners.subscribe(id, listener)
  }

  subscribeList(listener) {
    return this.#listListeners.subscribe(LIST, listener)
  }
}
