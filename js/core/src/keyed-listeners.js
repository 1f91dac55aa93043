// Listeners by key (a plan id, a flow id). A listener that throws is reported, never allowed to
// fail the commit that notified it or to stop the listeners after it.

export class KeyedListeners {
  /** @type {Map<string, Set<Function>>} */
  #byKey = new Map()

  /** @param {string} label what the listeners are of, for the report of one that throws */
  constructor(label) {
    this.label = label
  }

  /** Adds `listener` for `key`; returns its unsubscribe function (each subscription is its own). */
  subscribe(key, listener) {
    let set = this.#byKey.get(key)
    if (!set) this.#byKey.set(key, (set = new Set()))
    const entry = (...args) => listener(...args)
    set.add(entry)
    return () => {
      set.delete(entry)
      if (set.size === 0 && this.#byKey.get(key) === set) this.#byKey.delete(key)
    }
  }

  /** Whether `key` has listeners. */
  has(key) {
    return this.#byKey.has(key)
  }

  /** Calls every listener of `key` with `args`, those added meanwhile not included. */
  notify(key, ...args) {
    for (const listener of [...(this.#byKey.get(key) ?? [])]) {
      try {
        listener(...args)
      } catch (error) {
        console.error(`[crux] a ${this.label} listener threw:`, error)
      }
    }
  }
}
