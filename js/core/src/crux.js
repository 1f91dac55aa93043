// One Crux instance: its own engine module, store and database. Every method waits for the
// instance to be ready; every change resolves only once it is durable.
//
// Tabs: each tab's instance holds a whole copy of the store. Each change is made in one
// IndexedDB transaction after reading in what other tabs recorded (storage.js), then announced
// to them (tab-channel.js); a run's body executes in one tab at a time, the one holding the
// run's Web Lock (locks.js), and another tab with the definition takes over when it closes.

import { FlowNotFoundError, InvalidArgumentError, StorageUnavailableError } from './errors.js'
import { Commits } from './commits.js'
import { defineFlow, readDefinition } from './definitions.js'
import { options, text, unwrap } from './engine-call.js'
import { FlowHandle } from './flow-handle.js'
import { runPass } from './flow-runner.js'
import { toJsonText } from './json.js'
import { loadEngineModule } from './module.js'
import { validateStandard } from './schema.js'
import { FlowSnapshots } from './flow-snapshots.js'
import { PlanSnapshots } from './plan-snapshots.js'
import { Storage } from './storage.js'
import { TabChannel } from './tab-channel.js'
import { withLock } from './locks.js'

const MAX_TIMER_MS = 2 ** 31 - 1
/** After a failed write, runs left interrupted are tried again after this long, doubling up to the max. */
const STORAGE_RETRY_MS = 1000
const STORAGE_RETRY_MAX_MS = 60_000

export class Crux {
  #now
  #fetch
  #name
  #storage
  /** @type {Commits | undefined} */
  #commits
  /** @type {TabChannel | undefined} */
  #channel
  #engine
  #storageKind
  #ready
  #closed = false
  /** The store is loaded: the peek methods read only then. */
  #loaded = false
  #timer
  #definitions = new Map()
  #passes = new Map()
  /** By run: the Standard Schema of the suspend its last pass in this tab parked on, `{ key, name, standard }`. */
  #waitSchemas = new Map()
  #flows = new FlowSnapshots()
  #plans = new PlanSnapshots()
  /** result() calls waiting: while any do, the deadline timer keeps a Node process alive. */
  #awaitingResults = 0
  /** The last write failed to reach storage: passes wait for the retry timer or a write that succeeds. */
  #storageDown = false
  #storageRetryMs = STORAGE_RETRY_MS
  #storageRetryTimer
  /** @type {Promise<boolean>} */
  #persisted
  /** The write recording due deadlines, while one is queued (one is enough). */
  #recordingDue

  constructor(settings = {}) {
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
      throw new InvalidArgumentError(`createCrux options must be an object like { name, storage }, got ${settings === null ? 'null' : typeof settings}`)
    }
    const { name = 'default', storage = 'indexeddb', now = Date.now, fetch, persist = false } = settings
    text(name, 'name')
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(name)) {
      throw new InvalidArgumentError(`name must be 1-200 letters, digits, '.', '_' or '-', got "${name}"`)
    }
    if (storage !== 'indexeddb' && storage !== 'memory') {
      throw new InvalidArgumentError(`storage must be 'indexeddb' or 'memory', got ${JSON.stringify(storage)}`)
    }
    if (typeof now !== 'function') throw new InvalidArgumentError('now must be a function returning epoch milliseconds')
    if (fetch !== undefined && typeof fetch !== 'function') throw new InvalidArgumentError('fetch must be a function')
    if (typeof persist !== 'boolean') throw new InvalidArgumentError('persist must be true or false')
    this.#name = name
    this.#now = now
    this.#fetch = fetch
    this.#storageKind = storage
    // Where an IndexedDB store cannot open (a server rendering client modules), nothing loads
    // until the first call, which then reports why.
    if (storage !== 'indexeddb' || typeof indexedDB !== 'undefined') this.#opening()
    this.#persisted = this.#askPersistence(storage, persist)
    for (const method of ['flow', 'signalFlow', 'getFlow', 'listFlows', 'plan', 'updatePlan', 'getPlan',
      'listPlans', 'deletePlan', 'subscribePlan', 'subscribeFlow', 'close',
      'peekPlan', 'peekPlans', 'subscribePlans', 'peekFlow', 'persisted']) {
      this[method] = this[method].bind(this)
    }
  }

  get name() {
    return this.#name
  }

  /** The `fetch` given to createCrux, for providers that have none of their own. */
  get fetch() {
    return this.#fetch
  }

  async #open(kind) {
    const module = await loadEngineModule()
    const changedFiles = () => unwrap(this.#engine.takeChangedFiles())
    this.#storage = new Storage(module, { name: this.#name, kind, changedFiles })
    const dir = await this.#storage.open()
    this.#engine = new module.Engine()
    await this.#storage.transact(false, () => unwrap(this.#engine.open(dir)), () => {})
    this.#commits = new Commits((writes) => this.#transact(writes))
    if (this.#storage.shared) {
      this.#channel = new TabChannel(this.#name, (stamp) => {
        if (stamp > this.#storage.stamp && !this.#closed) this.#commits.catchUp()
      })
    }
    this.#loaded = true
    this.#tick()
  }

  /** With `persist`, asks the browser to keep the origin's storage under pressure; its answer. */
  async #askPersistence(kind, persist) {
    const storageManager = globalThis.navigator?.storage
    if (kind !== 'indexeddb' || !storageManager) return false
    try {
      if (persist && typeof storageManager.persist === 'function') return await storageManager.persist()
      return typeof storageManager.persisted === 'function' ? await storageManager.persisted() : false
    } catch {
      return false
    }
  }

  /**
   * Whether the browser keeps this origin's storage when space runs short (`createCrux({ persist:
   * true })` asks it to): its answer to `navigator.storage.persist()`, or to `persisted()` when not
   * asked. False in memory, or where the Storage API is missing.
   */
  persisted() {
    return this.#persisted
  }

  /**
   * One transaction for `writes` (see Commits): read in what other tabs recorded, apply each
   * write, record them all; then tell other tabs and the subscribers.
   */
  async #transact(writes) {
    const outcomes = []
    let followed
    const apply = (copied) => {
      if (copied) unwrap(this.#engine.follow())
      followed = this.#engine.mark()
      for (const write of writes) {
        try {
          outcomes.push({ value: write.apply() })
        } catch (error) {
          outcomes.push({ error })
        }
      }
    }
    const undo = () => {
      if (followed !== undefined) this.#engine.dropChangesAfter(followed)
      unwrap(this.#engine.follow())
    }
    let failure
    try {
      const { stamp } = await this.#storage.transact(writes.length > 0, apply, undo)
      if (stamp !== undefined) this.#channel?.committed(stamp)
      if (writes.length > 0) this.#storageBack()
    } catch (error) {
      failure = { error }
      if (error instanceof StorageUnavailableError && writes.length > 0) this.#storageFailed()
    }
    this.#deliver()
    // A write's own error first; else the transaction's; else its value.
    writes.forEach((write, i) => {
      const outcome = outcomes[i] && 'error' in outcomes[i] ? outcomes[i] : (failure ?? outcomes[i])
      if ('error' in outcome) write.reject(outcome.error)
      else write.resolve(outcome.value)
    })
  }

  #storageFailed() {
    if (this.#storageDown) return
    this.#storageDown = true
    const retry = () => {
      if (this.#closed) return
      this.#storageDown = false // the next pass tries a write; a failure sets it again, with a longer wait
      this.#storageRetryMs = Math.min(this.#storageRetryMs * 2, STORAGE_RETRY_MAX_MS)
      this.#driveAll()
    }
    this.#storageRetryTimer = setTimeout(retry, this.#storageRetryMs)
    this.#storageRetryTimer.unref?.()
  }

  #storageBack() {
    this.#storageRetryMs = STORAGE_RETRY_MS
    if (!this.#storageDown) return
    this.#storageDown = false
    clearTimeout(this.#storageRetryTimer)
    this.#driveAll()
  }

  /** Drives every run that can go on and whose definition this tab has. */
  #driveAll() {
    for (const name of this.#definitions.keys()) this.#driveRunnable(name)
  }

  /** Drives the runs of flow `name` that can go on. */
  #driveRunnable(name) {
    for (const flowId of this.call('runnable', name)) this.drive(flowId)
  }

  /** Resolves once the instance has loaded its store. */
  async ready() {
    if (this.#closed) throw new StorageUnavailableError(`Crux instance "${this.#name}" is closed`)
    await this.#opening()
  }

  #opening() {
    if (!this.#ready) {
      this.#ready = this.#open(this.#storageKind)
      this.#ready.catch(() => {}) // surfaced by the first call that awaits it
    }
    return this.#ready
  }

  // ---- for the flow runner and handles ----

  now() {
    const value = this.#now()
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`now() must return epoch milliseconds, got ${String(value)}`)
    }
    return Math.floor(value)
  }

  /** Calls an engine method and decodes its reply. */
  call(method, ...args) {
    if (this.#closed) throw new StorageUnavailableError(`Crux instance "${this.#name}" is closed`)
    return unwrap(this.#engine[method](...args))
  }

  /**
   * Runs `apply` (synchronous engine calls) in the next transaction, after the changes other
   * tabs recorded are read in; resolves with its value once recorded, or rejects with its error
   * (StorageUnavailableError if the transaction failed: then nothing of it was recorded).
   */
  async write(apply) {
    await this.ready()
    this.#recordDue()
    return this.#commits.write(apply)
  }

  /** Records the deadlines due by now, in the next transaction. */
  #recordDue() {
    const now = this.now()
    const next = this.call('nextDeadline')
    if (next === null || next > now) return undefined
    this.#recordingDue ??= this.#commits.write(() => this.call('tick', this.now())).finally(() => {
      this.#recordingDue = undefined
    })
    this.#recordingDue.catch(() => {})
    return this.#recordingDue
  }

  /** Waits out the time left until `deadline` on the instance's clock (a step's retry). */
  async delayUntil(deadline) {
    // A timer may fire a little before the clock says it is due: wait until it does.
    for (let left = deadline - this.now(); left > 0 && !this.#closed; left = deadline - this.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, MAX_TIMER_MS)))
    }
  }

  /** Tells the subscribers of every change recorded (here or in another tab), in order. */
  #deliver() {
    if (this.#closed) return
    let plansChanged = false
    for (const change of unwrap(this.#engine.takeChanges(this.#engine.mark()))) {
      if (change.kind === 'plan') {
        this.#plans.changed(change.id, change.plan)
        plansChanged = true
      } else {
        this.#flows.changed(change.id)
        this.#driveIfMine(change.id)
      }
    }
    if (plansChanged) this.#plans.listChanged(() => unwrap(this.#engine.planList()))
    this.#armTimer()
  }

  /** Whether the peek methods can read: the store is loaded and the instance not closed. */
  #readable() {
    return this.#loaded && !this.#closed
  }

  /** Records due deadlines (their runs resume as their change is delivered) and arms the timer. */
  #tick() {
    if (this.#closed) return
    this.#recordDue()
    this.#armTimer()
  }

  #armTimer() {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const nextDeadline = this.call('nextDeadline')
    if (nextDeadline !== null) {
      // While storage is failing, a due deadline is tried again no sooner than the retry timer.
      const soonest = this.#storageDown ? this.#storageRetryMs : 0
      const delay = Math.min(Math.max(nextDeadline - this.now(), soonest), MAX_TIMER_MS)
      this.#timer = setTimeout(() => this.#tick(), delay)
      // An idle instance must not keep a Node process alive for a deadline days away, but
      // one whose result someone awaits must. A page does not care.
      if (this.#awaitingResults === 0) this.#timer.unref?.()
    }
  }

  /**
   * How every reading call begins: ready, with due deadlines recorded and what other tabs
   * recorded read in, so that a read sees every change that finished before it began.
   */
  async enter() {
    await this.ready()
    const due = this.#recordDue()
    if (due) await due.catch(() => {}) // its transaction reads the other tabs' changes in too
    else if (this.#storage.shared) await this.#commits.catchUp() // only a shared store has any
  }

  /** Drives the run if it can go on and its definition is registered in this tab. */
  #driveIfMine(flowId) {
    if (this.#definitions.size === 0 || this.#passes.has(flowId)) return
    let status
    try {
      status = this.call('status', flowId)
    } catch {
      return
    }
    if (status.status === 'running' && this.#definitions.has(status.name)) this.drive(flowId)
  }

  /**
   * Starts a pass over a run, in whichever tab first holds the run's lock: the lock keeps other
   * tabs out while the body runs here, and the browser releases it if this tab closes or crashes,
   * so that a tab waiting for it takes over. Reads in what other tabs recorded before starting.
   */
  drive(flowId) {
    if (this.#closed || this.#passes.has(flowId) || this.#storageDown) return
    let interrupted = false
    const pass = withLock(`crux:${this.#name}:run:${flowId}`, async () => {
      await this.#commits.catchUp()
      if (this.#closed) return
      const execution = this.call('beginExecution', flowId, this.now())
      if (!execution) return
      const body = this.#definitions.get(execution.name)
      try {
        if (body) interrupted = (await runPass(this, flowId, execution, body)) === 'interrupted'
      } finally {
        if (!this.#closed) this.call('endExecution', flowId, execution.execId)
      }
    })
      .catch((error) => {
        if (!this.#closed) console.error(`[crux] flow run ${flowId} stopped:`, error)
      })
      .then(() => {
        this.#passes.delete(flowId)
        // A signal may have come while this pass was parking; an interrupted run waits for storage.
        if (!this.#closed && !interrupted) this.#driveIfMine(flowId)
      })
    this.#passes.set(flowId, pass)
  }

  /** Runs `wait` with the deadline timer keeping the process alive. */
  async whileAwaited(wait) {
    this.#awaitingResults++
    try {
      this.#tick()
      return await wait()
    } finally {
      this.#awaitingResults--
    }
  }

  /** Calls `listener` after every committed change to the run. */
  subscribeFlow(flowId, listener) {
    text(flowId, 'flowId')
    if (typeof listener !== 'function') throw new InvalidArgumentError('listener must be a function')
    return this.#flows.subscribe(flowId, () => listener())
  }

  /** The run's status, synchronously: one frozen object per committed change; undefined if unknown or not loaded yet. */
  peekFlow(flowId) {
    text(flowId, 'flowId')
    if (!this.#readable()) return undefined
    return this.#flows.peek(flowId, () => {
      try {
        return this.call('status', flowId)
      } catch (error) {
        if (error instanceof FlowNotFoundError) return null
        throw error
      }
    })
  }

  // ---- flows ----

  /** Registers a flow definition (definitions.js) and resumes its runs that can go on. */
  flow(name, ...rest) {
    return defineFlow(this, readDefinition(name, rest), (body) => {
      this.#definitions.set(name, body)
      if (this.#ready) this.enter()
        .then(() => this.#driveRunnable(name))
        .catch(() => {})
    })
  }

  async signalFlow(flowId, name, payload, signalOptions) {
    text(flowId, 'flowId')
    text(name, 'signal name')
    const optionsText = signalOptions === undefined ? '' : toJsonText(options(signalOptions, 'signal options'), 'signal options')
    await this.ready()
    const payloadText = toJsonText(payload, `payload of signal "${name}"`) ?? ''
    await this.#checkStandardAtSend(flowId, name, payloadText)
    const answer = await this.write(() => this.call('signal', flowId, name, payloadText, optionsText, this.now()))
    return answer.waitingFor === undefined ? { outcome: answer.outcome } : { outcome: answer.outcome, waitingFor: answer.waitingFor }
  }

  /** Called by a pass parking on a suspend: its Standard Schema, if any, checks signals at send time. */
  rememberWait(flowId, key, name, standard) {
    if (standard) this.#waitSchemas.set(flowId, { key, name, standard })
    else this.#waitSchemas.delete(flowId)
  }

  /**
   * SIGNAL_INVALID at once for a payload the Standard Schema of the wait the run is parked on
   * rejects, where this tab knows that schema (its pass parked there). Elsewhere the check
   * happens on resume, and a rejected payload re-arms the wait.
   */
  async #checkStandardAtSend(flowId, name, payloadText) {
    const remembered = this.#waitSchemas.get(flowId)
    if (remembered?.name !== name) return
    await this.enter()
    let pending
    try {
      pending = this.call('pendingWait', flowId)
    } catch {
      return // the signal call says why
    }
    if (pending?.key !== remembered.key) {
      this.#waitSchemas.delete(flowId)
      return
    }
    await validateStandard(remembered.standard, payloadText === '' ? null : JSON.parse(payloadText))
  }

  getFlow(flowId) {
    text(flowId, 'flowId')
    return new FlowHandle(this, flowId)
  }

  async listFlows(filter) {
    await this.enter()
    const filterText = filter === undefined ? '' : toJsonText(filter, 'listFlows filter')
    return this.call('listFlows', filterText)
  }

  // ---- plans ----

  async plan(fields) {
    await this.ready()
    const fieldsText = toJsonText(fields, 'plan') ?? ''
    const created = await this.write(() => this.call('planCreate', fieldsText, this.now()))
    return this.#plans.resolve(created)
  }

  async updatePlan(id, changes, updateOptions) {
    text(id, 'plan id')
    await this.ready()
    const { ifVersion: expected } = options(updateOptions, 'updatePlan options')
    const ifVersion = expected === undefined ? '' : toJsonText(expected, 'ifVersion')
    const changesText = toJsonText(changes, 'plan changes') ?? ''
    const updated = await this.write(() => this.call('planUpdate', id, changesText, ifVersion, this.now()))
    return this.#plans.resolve(updated)
  }

  async getPlan(id) {
    text(id, 'plan id')
    await this.enter()
    return this.#plans.resolve(this.call('planGet', id))
  }

  async listPlans() {
    await this.enter()
    return this.call('planList').map((plan) => this.#plans.resolve(plan))
  }

  async deletePlan(id) {
    text(id, 'plan id')
    await this.ready()
    await this.write(() => this.call('planDelete', id))
  }

  subscribePlan(id, listener) {
    text(id, 'plan id')
    if (typeof listener !== 'function') throw new InvalidArgumentError('listener must be a function')
    return this.#plans.subscribe(id, listener)
  }

  /** The plan, synchronously: its cached snapshot; undefined if missing or not loaded yet. */
  peekPlan(id) {
    text(id, 'plan id')
    if (!this.#readable()) return undefined
    return this.#plans.peek(id, () => this.call('planGet', id))
  }

  /** Every plan, oldest first, synchronously: one frozen array until a plan changes; undefined until loaded. */
  peekPlans() {
    if (!this.#readable()) return undefined
    return this.#plans.list(() => this.call('planList'))
  }

  /** Calls `listener` with the new list (peekPlans()) after every commit that changed plans. */
  subscribePlans(listener) {
    if (typeof listener !== 'function') throw new InvalidArgumentError('listener must be a function')
    return this.#plans.subscribeList(listener)
  }

  /** Waits for pending commits and releases the database; a new instance of the same name sees it all. */
  async close() {
    if (this.#closed) return
    try {
      await this.#ready
    } catch {
      // nothing was opened
    }
    await this.#commits?.idle()
    this.#closed = true
    clearTimeout(this.#timer)
    clearTimeout(this.#storageRetryTimer)
    this.#channel?.close()
    this.#storage?.close()
  }

}
