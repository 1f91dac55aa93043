// Tells the other tabs of an origin (and other instances of the same name in this process)
// that a store changed, so they read the change in at once instead of at their next call, and
// asks the tab holding the writer lease to give it back.
//
// A tab alone posts nothing per commit (a postMessage costs about a tenth of a step in
// Chromium): each tab says hello when it opens and is answered, and a tab announces commits once
// it has heard from another, starting with its newest stamp, so no commit goes unheard.

export class TabChannel {
  /** @type {BroadcastChannel | undefined} */
  #channel
  /** Another tab (or instance) of this store has been heard from. */
  #peers = false

  /**
   * @param {string} name the store's name
   * @param {{ committed: (stamp: number) => void, wanted: () => void, joined: () => void }} on
   *   `committed`: another tab wrote up to `stamp`; `wanted`: another tab wants the writer lease;
   *   `joined`: the first message from another tab arrived (announce the newest stamp)
   */
  constructor(name, on) {
    if (typeof BroadcastChannel !== 'function') return
    this.#channel = new BroadcastChannel(`crux:${name}`)
    this.#channel.onmessage = (event) => {
      const { stamp, want, hello } = event.data ?? {}
      if (hello === true) this.#channel?.postMessage({ here: true })
      if (!this.#peers) {
        this.#peers = true
        on.joined()
      }
      if (want === true) on.wanted()
      if (typeof stamp === 'number') on.committed(stamp)
    }
    this.#channel.unref?.() // Node: an open channel must not keep the process alive
    this.#channel.postMessage({ hello: true })
  }

  /** Announce a commit that wrote everything up to `stamp` (to other tabs, once there are any). */
  committed(stamp) {
    if (this.#peers) this.#channel?.postMessage({ stamp })
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
