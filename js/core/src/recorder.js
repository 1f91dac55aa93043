// The only holder of the engine and its storage. Everything that records goes through here:
// writes that arrive while a transaction runs share the next one (group commit), transactions
// never overlap, and each commit hands back in one reply what to write and what to announce.
// Runs are loaded before the calls that need them; what other tabs wrote is read in when the
// writer lease comes to this tab, when a tab says it committed, and before reads while another
// tab may be writing.

import { StorageUnavailableError } from './errors.js'
import { EngineDoor } from './engine-door.js'
import { TabChannel } from './tab-channel.js'
import { WriterLease } from './writer-lease.js'

export class Recorder {
  /** @type {EngineDoor} */
  engine
  /** @type {import('./storage/backend.d.ts').StorageBackend} */
  #backend
  /** @type {WriterLease | undefined} */
  #lease
  /** @type {TabChannel | undefined} */
  #channel
  #deliver
  #storage
  /** @type {{ apply: () => unknown, runs: string[], resolve: Function, reject: Function }[]} */
  #writes = []
  /** @type {(() => void)[]} */
  #catchUps = []
  #running = false
  #closed = false
  /** A newer stamp another tab announced: read in before trusting memory. */
  #behind = false
  /** @type {Map<string, Promise<void>>} */
  #loading = new Map()

  /**
   * @param {import('./storage/backend.d.ts').StorageBackend} backend
   * @param {{ deliver: (outbox: { changes: object[], nextDeadline: number | null }) => void,
   *           storage: (working: boolean) => void }} on
   *   `deliver`: changes now durable (here or in another tab) and the next deadline;
   *   `storage`: a write failed (false) or succeeded after a failure (true)
   */
  constructor(backend, on) {
    this.#backend = backend
    this.#deliver = on.deliver
    this.#storage = on.storage
  }

  /**
   * Opens the store: its summaries and plans, a version-1 store converted in one transaction.
   * The database is opened and the index read while `engineModule` (still loading) compiles.
   * @param {Promise<import('./module.d.ts').EngineModule>} engineModule
   */
  async open(engineModule) {
    await this.#backend.open()
    if (this.#backend.shared) {
      this.#channel = new TabChannel(this.#backend.name, {
        committed: (stamp) => {
          if (stamp > this.#backend.stamp) this.#behind = true
          // While opening, the index read under the lease takes in what was announced.
          if (!this.#closed && this.engine) this.catchUp()
        },
        wanted: () => this.#lease?.wanted(this.#running),
        joined: () => {
          if (Number.isFinite(this.#backend.stamp)) this.#channel?.committed(this.#backend.stamp)
        },
      })
      this.#lease = new WriterLease(`crux:${this.#backend.name}:writer`, () => this.#channel?.want())
      await this.#lease.acquire()
      // Closed while the database opened: close() found no channel or lease to give back yet.
      if (this.#closed) this.#giveBack()
    }
    try {
      const [entries, module] = await Promise.all([this.#backend.readIndex(), engineModule])
      this.engine = new EngineDoor(module)
      this.engine.open(entries)
      const converted = this.engine.commit()
      if (!isEmpty(converted.writes)) {
        try {
          await this.#backend.write(converted.writes)
        } catch (error) {
          this.engine.settled(false)
          throw error
        }
      }
      this.engine.settled(true)
    } finally {
      this.#lease?.idle()
    }
  }

  /**
   * Runs `apply` (synchronous engine calls) in the next transaction, with the runs `runs` loaded
   * and what other tabs recorded read in; resolves with its value once recorded, or rejects
   * with its error (StorageUnavailableError if the transaction failed: then nothing was recorded).
   * @template T
   * @param {() => T} apply
   * @param {string[]} [runs]
   * @returns {Promise<T>}
   */
  write(apply, runs = []) {
    return new Promise((resolve, reject) => {
      if (this.#closed) return reject(new StorageUnavailableError(`storage "${this.#backend.name}" is closed`))
      this.#writes.push({ apply, runs, resolve, reject })
      this.#run()
    })
  }

  /** Resolves (never rejects) once what other tabs recorded before this call is read in. */
  catchUp() {
    return new Promise((resolve) => {
      this.#catchUps.push(resolve)
      this.#run()
    })
  }

  /** Whether memory may lag what other tabs wrote (reads must catch up first). */
  get mayLag() {
    return this.#backend.shared && (!this.#lease?.held || this.#behind || this.#backend.lost === true)
  }

  /** Loads the runs' journals that are not in memory. */
  async load(flowIds) {
    let missing = flowIds.length < 2 ? flowIds : [...new Set(flowIds)]
    for (;;) {
      missing = missing.filter((id) => this.engine.toLoad(id) !== null)
      if (missing.length === 0) return
      await Promise.all(missing.map((id) => this.#loadRun(id)))
    }
  }

  /** Reads how a closed run ended (its last event), unless its journal or outcome is in memory. */
  async loadOutcome(flowId) {
    while (this.engine.outcomeToLoad(flowId) !== null) {
      await this.#reading(`outcome ${flowId}`, async () => {
        const names = this.engine.outcomeToLoad(flowId)
        if (names) this.engine.loadOutcome(flowId, await this.#backend.readRun(names))
      })
    }
  }

  #loadRun(flowId) {
    return this.#reading(`journal ${flowId}`, async () => {
      const names = this.engine.toLoad(flowId)
      if (names) this.engine.loadRun(flowId, await this.#backend.readRun(names))
    })
  }

  /** One read of `what` at a time: callers asking meanwhile share it. */
  #reading(what, read) {
    let reading = this.#loading.get(what)
    if (!reading) {
      reading = read().finally(() => this.#loading.delete(what))
      this.#loading.set(what, reading)
    }
    return reading
  }

  /** Resolves once nothing is queued or running. */
  async idle() {
    while (this.#running) await this.catchUp()
  }

  close() {
    this.#closed = true
    this.#giveBack()
    this.#backend.close()
  }

  #giveBack() {
    this.#lease?.release()
    this.#channel?.close()
  }

  async #run() {
    if (this.#running) return
    this.#running = true
    try {
      // Writes made in the same turn (steps started together) share a transaction: the batch is
      // taken once the calls already under way in this turn have queued theirs.
      await null
      while (this.#writes.length > 0 || this.#catchUps.length > 0) {
        const writes = this.#writes.splice(0)
        const catchUps = this.#catchUps.splice(0)
        try {
          if (writes.length > 0) await this.#commit(writes)
          else await this.#follow(false)
        } catch (error) {
          for (const write of writes) write.reject(error)
        }
        for (const resolve of catchUps) resolve()
      }
    } finally {
      this.#running = false
      this.#lease?.idle()
    }
  }

  /** One transaction for `writes`: apply each, write what they recorded, then announce it. */
  async #commit(writes) {
    if (this.#lease && (await this.#lease.acquire())) this.#behind = true
    if (this.#behind || this.#backend.lost) await this.#follow(true)
    await this.load(writes.flatMap((write) => write.runs))
    // A wait reserved with a schema, or a run parked on one, may validate: the engine has its
    // validator before any call of the batch runs (if it cannot be loaded, only the calls that
    // validate fail, with ENGINE_UNAVAILABLE; the next batch tries again).
    if (this.engine.needsSchemas) await this.engine.loadSchemas()
    const outcomes = writes.map((write) => {
      try {
        return { value: write.apply() }
      } catch (error) {
        return { error }
      }
    })
    const outbox = this.engine.commit()
    let failure
    if (!isEmpty(outbox.writes)) {
      try {
        const stamp = await this.#backend.write(outbox.writes)
        this.#channel?.committed(stamp)
      } catch (error) {
        failure = { error }
      }
    }
    this.engine.settled(failure === undefined)
    if (failure) {
      if (failure.error instanceof StorageUnavailableError) this.#storage(false)
    } else {
      if (outbox.writes.put.length > 0) this.#storage(true)
      this.#deliver(outbox)
    }
    // A write's own error first; else the transaction's; else its value.
    writes.forEach((write, i) => {
      const outcome = 'error' in outcomes[i] ? outcomes[i] : (failure ?? outcomes[i])
      if ('error' in outcome) write.reject(outcome.error)
      else write.resolve(outcome.value)
    })
  }

  /** The store went away under this tab: open what is there now, and announce every run and plan it held. */
  async #reopen() {
    const plans = this.engine.planList().map((plan) => plan.id)
    const runs = this.engine.listFlows('').map((run) => run.flowId)
    this.engine.open(await this.#backend.readIndex())
    this.#behind = false
    const now = new Map(this.engine.listFlows('').map((run) => [run.flowId, run]))
    const changes = [
      ...runs.map((id) => {
        const run = now.get(id)
        return run ? { kind: 'flow', id, name: run.name, status: run.status } : { kind: 'flow', id, deleted: true }
      }),
      ...plans.map((id) => ({ kind: 'plan', id, plan: this.engine.planGet(id) })),
    ]
    this.#deliver({ changes, nextDeadline: this.engine.nextDeadline() })
  }

  /** Reads in what other tabs wrote; `force` even while this tab holds the lease. */
  async #follow(force) {
    if (!this.#backend.shared || this.#closed) return
    if (this.#backend.lost) return this.#reopen()
    if (!force && !this.mayLag) return
    this.#behind = false
    const entries = await this.#backend.readSince()
    if (entries.length === 0) return
    this.engine.follow(entries)
    const outbox = this.engine.commit()
    this.engine.settled(true)
    this.#deliver(outbox)
  }
}

/** A batch that writes nothing opens no transaction. */
function isEmpty({ put, remove, removePrefixes }) {
  return put.length === 0 && remove.length === 0 && removePrefixes.length === 0
}
