// One timer for the earliest deadline the engine holds. An idle instance must not keep a Node
// process alive for a deadline days away, but one whose result someone awaits must.

const MAX_TIMER_MS = 2 ** 31 - 1

export class DeadlineTimer {
  #timer
  #fire
  #now
  #awaited = 0

  /** @param {{ now: () => number, fire: () => void }} options */
  constructor({ now, fire }) {
    this.#now = now
    this.#fire = fire
  }

  /** Arms for `deadline` (epoch ms, or null for none), no sooner than `notBefore` ms from now. */
  arm(deadline, notBefore = 0) {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (deadline === null || deadline === undefined) return
    const delay = Math.min(Math.max(deadline - this.#now(), notBefore), MAX_TIMER_MS)
    this.#timer = setTimeout(() => this.#fire(), delay)
    if (this.#awaited === 0) this.#timer.unref?.()
  }

  /** Runs `wait` with the timer keeping the process alive. */
  async whileAwaited(wait) {
    this.#awaited++
    try {
      return await wait()
    } finally {
      this.#awaited--
    }
  }

  close() {
    clearTimeout(this.#timer)
  }
}

/** Waits out the time until `deadline` on the clock `now` (a step's retry); stops early once `stopped()`. */
export async function delayUntil(deadline, now, stopped) {
  // A timer may fire a little before the clock says it is due: wait until it does.
  for (let left = deadline - now(); left > 0 && !stopped(); left = deadline - now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, MAX_TIMER_MS)))
  }
}
