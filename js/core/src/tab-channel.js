// Tells the other tabs of an origin (and other instances of the same name in this process)
// that a store changed, so they read the change in at once instead of at their next call, and
// asks the tab holding the writer lease to give it back.

export class TabChannel {
  /** @type {BroadcastChannel | undefined} */
  #channel

  /**
   * @param {string} name the store's name
   * @param {{ committed: (stamp: number) => void, wanted: () => void }} on
   *   `committed`: another tab wrote up to `stamp`; `wanted`: another tab wants the writer lease
   */
  constructor(name, on) {
    if (typeof BroadcastChannel !== 'function') return
    this.#channel = new BroadcastChannel(`crux:${name}`)
    this.#channel.onmessage = (event) => {
      const { stamp, want } = event.data ?? {}
      if (want === true) on.wanted()
      if (typeof stamp === 'number') on.committed(stamp)
    }
    this.#channel.unref?.() // Node: an open channel must not keep the process alive
  }

  /** Announce a commit that wrote everything up to `stamp`. */
  committed(stamp) {
    this.#channel?.postMessage({ stamp })
  }

  /** Ask the tab holding the writer lease for it. */
  want() {
    this.#channel?.postMessage({ want: true })
  }

  close() {
    this.#channel?.close()
    this.#channel = undefined
  }
}
