// The right to write a shared store, held by one tab at a time. A tab that holds it knows no
// other tab writes, so it needs to read nothing back before it writes or reads; it catches up
// once, when the lease comes to it. The lease stays with a tab while it works, and goes when
// another tab asks for it (over the tab channel), when the tab has been idle a moment, or when
// the tab closes or crashes (a Web Lock is released with its tab).

import { withLock } from './locks.js'

/** A tab idle this long gives the lease back. */
const IDLE_MS = 250

export class WriterLease {
  #lock
  #held = false
  /** @type {(() => void) | undefined} */
  #release
  /** @type {Promise<void> | undefined} */
  #acquiring
  #idleTimer
  #askOthers
  /** Another tab asked for the lease: give it back as soon as this tab's transaction ends. */
  #wanted = false

  /**
   * @param {string} lock the Web Lock's name
   * @param {() => void} askOthers asks the tab holding the lease to give it back
   */
  constructor(lock, askOthers) {
    this.#lock = lock
    this.#askOthers = askOthers
  }

  get held() {
    return this.#held
  }

  /** Resolves once this tab holds the lease: true if it just came (catch up first), false if already held. */
  async acquire() {
    clearTimeout(this.#idleTimer)
    if (this.#held) return false
    if (!this.#acquiring) {
      this.#askOthers()
      this.#acquiring = new Promise((granted) => {
        withLock(this.#lock, () => new Promise((release) => {
          this.#release = release
          this.#held = true
          granted()
        })).catch(() => {})
      }).finally(() => {
        this.#acquiring = undefined
      })
    }
    await this.#acquiring
    return true
  }

  /** Another tab asked for the lease: give it back now, or (`busy`) once this tab's transaction ends. */
  wanted(busy) {
    if (busy) this.#wanted = true
    else this.release()
  }

  /** Gives the lease back if held. */
  release() {
    clearTimeout(this.#idleTimer)
    this.#wanted = false
    if (!this.#held) return
    this.#held = false
    const release = this.#release
    this.#release = undefined
    release?.()
  }

  /** The tab has nothing to write for now: give the lease back unless it writes again soon. */
  idle() {
    clearTimeout(this.#idleTimer)
    if (!this.#held) return
    if (this.#wanted) return this.release()
    // Not unref'd: in Node another instance may be waiting for this lease.
    this.#idleTimer = setTimeout(() => this.release(), IDLE_MS)
  }
}
