// Which runs execute where: the flow definitions registered in this tab, one pass per run at a
// time, in whichever tab first holds the run's Web Lock (the browser releases it when a tab
// closes or crashes, so a tab waiting for it takes over), and the back-off while storage fails.

import { runPass } from './flow-runner.js'
import { withLock } from './locks.js'

/** After a failed write, runs left interrupted are tried again after this long, doubling up to the max. */
const STORAGE_RETRY_MS = 1000
const STORAGE_RETRY_MAX_MS = 60_000

export class Scheduler {
  #recorder
  #runner
  #lockPrefix
  #definitions = new Map()
  #passes = new Map()
  #closed = false
  /** The last write failed to reach storage: passes wait for the retry timer or a write that succeeds. */
  #storageDown = false
  #storageRetryMs = STORAGE_RETRY_MS
  #storageRetryTimer
  /** Runs whose pass stopped because the validator (crux-schema.wasm) could not be loaded: their next try. */
  #unavailableRetries = new Map()

  /**
   * @param {import('./recorder.js').Recorder} recorder
   * @param {object} runner what a pass's FlowContext uses (flow-runner.js)
   * @param {string} lockPrefix
   */
  constructor(recorder, runner, lockPrefix) {
    this.#recorder = recorder
    this.#runner = runner
    this.#lockPrefix = lockPrefix
  }

  get storageDown() {
    return this.#storageDown
  }

  get retryMs() {
    return this.#storageRetryMs
  }

  define(name, body) {
    this.#definitions.set(name, body)
  }

  /** Drives the runs of flow `name` that can go on. */
  driveRunnable(name) {
    for (const flowId of this.#recorder.engine.runnable(name)) this.drive(flowId)
  }

  /** Drives every run that can go on and whose definition this tab has. */
  driveAll() {
    for (const name of this.#definitions.keys()) this.driveRunnable(name)
  }

  /** A run changed (here or in another tab): drive it if it can go on and its definition is here. */
  changed({ id, name, status }) {
    if (status === 'running' && this.#definitions.has(name)) this.drive(id)
  }

  /**
   * Starts a pass over a run, in whichever tab first holds the run's lock. Reads in what other
   * tabs recorded before starting.
   */
  drive(flowId) {
    if (this.#closed || this.#passes.has(flowId) || this.#storageDown) return
    let interrupted = false
    const pass = withLock(`${this.#lockPrefix}:run:${flowId}`, async () => {
      await this.#recorder.catchUp()
      if (this.#closed) return
      // Only a running run has a pass to make; its summary says so without its journal (a
      // closed run's may be hundreds of MiB).
      await this.#recorder.loadOutcome(flowId)
      if (this.#recorder.engine.status(flowId).status !== 'running') return
      await this.#recorder.load([flowId])
      const door = this.#recorder.engine.beginPass(flowId, this.#runner.now())
      if (!door) return
      const body = this.#definitions.get(door.name)
      try {
        if (body) interrupted = (await runPass(this.#runner, door, body)) === 'interrupted'
      } finally {
        if (!this.#closed) door.end()
      }
    })
      .catch((error) => {
        if (!this.#closed) console.error(`[crux] flow run ${flowId} stopped:`, error)
      })
      .then(() => {
        this.#passes.delete(flowId)
        // A signal may have come while this pass was parking; an interrupted run waits for storage,
        // or, if storage works, for the validator its pass needed.
        if (this.#closed) return
        if (!interrupted) {
          this.#unavailableRetries.delete(flowId)
          this.#driveIfRunnable(flowId)
        } else if (!this.#storageDown) {
          this.#retryUnavailable(flowId)
        }
      })
    this.#passes.set(flowId, pass)
  }

  #driveIfRunnable(flowId) {
    if (this.#definitions.size === 0) return
    let status
    try {
      status = this.#recorder.engine.toLoad(flowId) === null ? this.#recorder.engine.status(flowId) : undefined
    } catch {
      return
    }
    if (status) this.changed({ id: flowId, name: status.name, status: status.status })
  }

  /** A write failed (false) or succeeded (true). */
  storage(working) {
    if (working) {
      this.#storageRetryMs = STORAGE_RETRY_MS
      if (!this.#storageDown) return
      this.#storageDown = false
      clearTimeout(this.#storageRetryTimer)
      this.driveAll()
      return
    }
    if (this.#storageDown) return
    this.#storageDown = true
    const retry = () => {
      if (this.#closed) return
      this.#storageDown = false // the next pass tries a write; a failure sets it again, with a longer wait
      this.#storageRetryMs = Math.min(this.#storageRetryMs * 2, STORAGE_RETRY_MAX_MS)
      this.driveAll()
    }
    this.#storageRetryTimer = setTimeout(retry, this.#storageRetryMs)
    this.#storageRetryTimer.unref?.()
  }

  /** Drives the run again later, each time twice as late, as long as its passes stop for the validator. */
  #retryUnavailable(flowId) {
    const delay = Math.min((this.#unavailableRetries.get(flowId)?.delay ?? STORAGE_RETRY_MS / 2) * 2, STORAGE_RETRY_MAX_MS)
    const timer = setTimeout(() => this.drive(flowId), delay)
    timer.unref?.()
    this.#unavailableRetries.set(flowId, { delay, timer })
  }

  close() {
    this.#closed = true
    clearTimeout(this.#storageRetryTimer)
    for (const { timer } of this.#unavailableRetries.values()) clearTimeout(timer)
  }
}
