// Tells the other tabs of an origin (and other instances of the same name in this process)
// that a store changed, so they read the change in at once instead of at their next call.

export class TabChannel {
  /** @type {BroadcastChannel | undefined} */
  #channel

  /**
   * @param {string} name the store's name
   * @param {(stamp: number) => void} onCommit called with the stamp of another tab's commit
   */
  constructor(name, onCommit) {
    if (typeof BroadcastChannel !== 'function') return
    this.#channel = new BroadcastChannel(`crux:${name}`)
    this.#channel.onmessage = (event) => {
      const stamp = event.data?.stamp
      if (typeof stamp === 'number') onCommit(stamp)
    }
    this.#channel.unref?.() // Node: an open channel must not keep the process alive
  }

  /** Announce a commit that wrote everything up to `stamp`. */
  committed(stamp) {
    this.#channel?.postMessage({ stamp })
  }

  close() {
    this.#channel?.close()
    this.#channel = undefined
  }
}
