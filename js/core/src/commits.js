// Group commit: writes that arrive while a transaction runs share the next one, and
// transactions never overlap. A catch-up (a transaction that only reads the other tabs'
// changes) joins the next transaction too.

export class Commits {
  /** @type {{ apply: () => unknown, resolve: (value: unknown) => void, reject: (error: unknown) => void }[]} */
  #writes = []
  /** @type {(() => void)[]} */
  #catchUps = []
  #running = false
  #transact

  /**
   * @param {(writes: { apply: () => unknown, resolve: Function, reject: Function }[]) => Promise<void>} transact
   *   runs one transaction for these writes (possibly none) and settles each of them
   */
  constructor(transact) {
    this.#transact = transact
  }

  /** Runs `apply` (synchronous) in the next transaction; resolves with its value once recorded. */
  write(apply) {
    return new Promise((resolve, reject) => {
      this.#writes.push({ apply, resolve, reject })
      this.#run()
    })
  }

  /** Resolves (never rejects) once a transaction that started after this call has finished. */
  catchUp() {
    return new Promise((resolve) => {
      this.#catchUps.push(resolve)
      this.#run()
    })
  }

  /** Resolves once nothing is queued or running. */
  async idle() {
    while (this.#running) await this.catchUp()
  }

  async #run() {
    if (this.#running) return
    this.#running = true
    try {
      while (this.#writes.length > 0 || this.#catchUps.length > 0) {
        const writes = this.#writes.splice(0)
        const catchUps = this.#catchUps.splice(0)
        try {
          await this.#transact(writes)
        } catch (error) {
          for (const write of writes) write.reject(error)
        }
        for (const resolve of catchUps) resolve()
      }
    } finally {
      this.#running = false
    }
  }
}
