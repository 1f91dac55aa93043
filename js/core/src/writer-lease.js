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
  /** When the tab last went idle while holding the lease; undefined while it works. */
  #idleSince
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
    this.#idleSince = undefined // busy
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
    this.#idleTimer = undefined
    this.#idleSince = undefined
    this.#wanted = false
    if (!this.#held) return
    this.#held = false
    const release = this.#release
    this.#release = undefined
    release?.()
  }

  /** The tab has nothing to write for now: give the lease back unless it writes again soon. */
  idle() {
    if (!this.#held) return
    if (this.#wanted) return this.release()
    this.#idleSince = performance.now()
    // One timer for a stretch of commits (arming one per commit costs more than the check).
    // Not unref'd: in Node another instance may be waiting for this lease.
    this.#idleTimer ??= setTimeout(() => this.#idleCheck(), IDLE_MS)
  }

  #idleCheck() {
    this.#idleTimer = undefined
    if (!this.#held || this.#idleSince === undefined) return
    const left = this.#idleSince + IDLE_MS - performance.now()
    if (left > 0) this.#idleTimer = setTimeout(() => this.#idleCheck(), left)
    else this.release()
  }
}
