// Flow status snapshots and the runs' subscribers. A run's status is read from the engine at
// most once per committed change and kept frozen, the same object until the run changes again,
// as useSyncExternalStore needs.

import { deepFreeze } from './deep-freeze.js'
import { KeyedListeners } from './keyed-listeners.js'

export class FlowSnapshots {
  /** @type {Map<string, object | null>} flowId → frozen status, or null for an unknown run */
  #byId = new Map()
  #listeners = new KeyedListeners('flow')

  /** The cached status of run `flowId`; `read()` gives the engine's when there is none (null: unknown run). */
  peek(flowId, read) {
    let snapshot = this.#byId.get(flowId)
    if (snapshot === undefined) {
      snapshot = deepFreeze(read())
      this.#byId.set(flowId, snapshot)
    }
    return snapshot ?? undefined
  }

  /** A committed change to the run: forget its status (read again on the next peek), tell its listeners. */
  changed(flowId) {
    this.#byId.delete(flowId)
    this.#listeners.notify(flowId)
  }

  subscribe(flowId, listener) {
    return this.#listeners.subscribe(flowId, listener)
  }
}
