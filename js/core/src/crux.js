// One Crux instance: the public API and its lifecycle. Every method waits for the instance to be
// ready; every change resolves only once it is durable. The work is done by its collaborators:
// the recorder (engine, storage, group commit, other tabs), the scheduler (definitions, passes,
// Web Locks, storage back-off) and the deadline timer.

import { FlowNotFoundError, InvalidArgumentError, StorageUnavailableError } from './errors.js'
import { bindStarter, defineFlow, readDefinition } from './definitions.js'
import { options, text } from './engine-call.js'
import { DeadlineTimer, delayUntil } from './deadline-timer.js'
import { FlowHandle } from './flow-handle.js'
import { toJsonText } from './json.js'
import { loadEngineModule } from './module.js'
import { Recorder } from './recorder.js'
import { Scheduler } from './scheduler.js'
import { validateStandard } from './schema.js'
import { FlowSnapshots } from './flow-snapshots.js'
import { PlanSnapshots } from './plan-snapshots.js'
import { IndexedDbBackend } from './storage/indexeddb-backend.js'
import { MemoryBackend } from './storage/memory-backend.js'

export class Crux {
  #now
  #fetch
  #name
  #retainClosedFor
  #storageKind
  /** @type {Recorder | undefined} */
  #recorder
  /** @type {Scheduler | undefined} */
  #scheduler
  #timer
  #ready
  #closed = false
  /** The store is loaded: the peek methods read only then. */
  #loaded = false
  /** Flow definitions registered before the store was loaded. */
  #early = new Map()
  /** By run: the Standard Schema of the suspend its last pass in this tab parked on, `{ key, name, standard }`. */
  #waitSchemas = new Map()
  #flows = new FlowSnapshots()
  #plans = new PlanSnapshots()
  /** @type {Promise<boolean>} */
  #persisted
  /** The write recording due deadlines, while one is queued (one is enough). */
  #recordingDue
  /** What a pass's FlowContext may do. */
  #runner
  /** What a FlowHandle may do. */
  #handles
  /** The earliest deadline the engine holds, as its last reply said (null: none). */
  #nextDeadline = null

  constructor(settings = {}) {
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
      throw new InvalidArgumentError(`createCrux options must be an object like { name, storage }, got ${settings === null ? 'null' : typeof settings}`)
    }
    const { name = 'default', storage = 'indexeddb', now = Date.now, fetch, persist = false, retainClosedFor } = settings
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
    if (retainClosedFor !== undefined && typeof retainClosedFor !== 'string' && typeof retainClosedFor !== 'number') {
      throw new InvalidArgumentError("retainClosedFor must be milliseconds or a duration like '30d'")
    }
    this.#name = name
    this.#now = now
    this.#fetch = fetch
    this.#retainClosedFor = retainClosedFor
    this.#timer = new DeadlineTimer({ now: () => this.now(), fire: () => this.#tick() })
    this.#runner = Object.freeze({
      now: () => this.now(),
      write: (apply, runs) => this.#write(apply, runs),
      delayUntil: (deadline) => delayUntil(deadline, () => this.now(), () => this.#closed),
      rememberWait: (flowId, key, waitName, standard) => this.#rememberWait(flowId, key, waitName, standard),
    })
    this.#handles = Object.freeze({
      status: (flowId) => this.#status(flowId),
      history: (flowId) => this.#history(flowId),
      result: (flowId, settle) => this.#result(flowId, settle),
      cancel: (flowId, reason) => this.#cancel(flowId, reason),
      signal: (flowId, name, payload, signalOptions) => this.signalFlow(flowId, name, payload, signalOptions),
    })
    bindStarter(this, (name, flowId, inputText) => this.#start(name, flowId, inputText))
    this.#storageKind = storage
    // Where an IndexedDB store cannot open (a server rendering client modules), nothing loads
    // until the first call, which then reports why.
    if (storage !== 'indexeddb' || typeof indexedDB !== 'undefined') this.#opening()
    this.#persisted = this.#askPersistence(storage, persist)
    for (const method of ['flow', 'signalFlow', 'getFlow', 'listFlows', 'deleteFlow', 'plan', 'updatePlan', 'getPlan',
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
    const backend = kind === 'indexeddb' ? new IndexedDbBackend(this.#name) : new MemoryBackend(this.#name)
    const recorder = new Recorder(backend, {
      deliver: (outbox) => this.#deliver(outbox),
      storage: (working) => this.#scheduler?.storage(working),
    })
    const engineModule = loadEngineModule()
    engineModule.catch(() => {}) // handled: recorder.open() awaits it once the store is open
    try {
      await recorder.open(engineModule)
    } catch (error) {
      recorder.close()
      throw error
    }
    this.#recorder = recorder
    this.#scheduler = new Scheduler(recorder, this.#runner, `crux:${this.#name}`)
    for (const [name, body] of this.#early) this.#scheduler.define(name, body)
    this.#early.clear()
    this.#loaded = true
    if (this.#retainClosedFor !== undefined) {
      const retention = toJsonText(this.#retainClosedFor, 'retainClosedFor')
      await recorder.write(() => recorder.engine.expireClosed(retention, this.now()))
    }
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

  now() {
    const value = this.#now()
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`now() must return epoch milliseconds, got ${String(value)}`)
    }
    return Math.floor(value)
  }

  /** The engine, for synchronous calls; refused once closed. */
  #engine() {
    if (this.#closed) throw new StorageUnavailableError(`Crux instance "${this.#name}" is closed`)
    return this.#recorder.engine
  }

  /**
   * Runs `apply` (synchronous engine calls) in the next transaction, with runs `runs` loaded;
   * resolves with its value once recorded, or rejects with its error (StorageUnavailableError if
   * the transaction failed: then nothing of it was recorded).
   */
  async #write(apply, runs) {
    if (!this.#loaded || this.#closed) await this.ready()
    this.#recordDue()
    return this.#recorder.write(() => {
      if (this.#closed) throw new StorageUnavailableError(`Crux instance "${this.#name}" is closed`)
      return apply(this.#recorder.engine)
    }, runs)
  }

  /** Records the deadlines due by now, in the next transaction. */
  #recordDue() {
    const now = this.now()
    const engine = this.#engine()
    const next = this.#nextDeadline
    if (next === null || next > now) return undefined
    this.#recordingDue ??= this.#recorder.write(() => engine.tick(this.now()), engine.due(now)).finally(() => {
      this.#recordingDue = undefined
    })
    this.#recordingDue.catch(() => {})
    return this.#recordingDue
  }

  /** Tells the subscribers of every change recorded (here or in another tab), in order. */
  #deliver({ changes, nextDeadline }) {
    if (this.#closed) return
    let plansChanged = false
    for (const change of changes) {
      if (change.kind === 'plan') {
        this.#plans.changed(change.id, change.plan)
        plansChanged = true
      } else {
        this.#flows.changed(change.id)
        if (!change.deleted) this.#scheduler?.changed(change)
      }
    }
    if (plansChanged) this.#plans.listChanged(() => this.#recorder.engine.planList())
    this.#nextDeadline = nextDeadline
    this.#armTimer(nextDeadline)
  }

  /** Records due deadlines (their runs resume as their change is delivered) and arms the timer. */
  #tick() {
    if (this.#closed) return
    this.#nextDeadline = this.#engine().nextDeadline()
    this.#recordDue()
    this.#armTimer(this.#nextDeadline)
  }

  #armTimer(nextDeadline) {
    // While storage is failing, a due deadline is tried again no sooner than the retry timer.
    this.#timer.arm(nextDeadline, this.#scheduler?.storageDown ? this.#scheduler.retryMs : 0)
  }

  /**
   * How every reading call begins: ready, with due deadlines recorded and what other tabs
   * recorded read in, so that a read sees every change that finished before it began; and the
   * runs `runs` loaded.
   */
  async #enter(runs = []) {
    await this.ready()
    const due = this.#recordDue()
    if (due) await due.catch(() => {})
    else if (this.#recorder.mayLag) await this.#recorder.catchUp()
    if (runs.length > 0) await this.#recorder.load(runs)
    return this.#engine()
  }

  /** Runs `wait` with the deadline timer keeping the process alive. */
  #whileAwaited(wait) {
    return this.#timer.whileAwaited(async () => {
      this.#tick()
      return wait()
    })
  }

  // ---- for handles ----

  /** The run's status, as it now is: from its summary, and a closed run's last event. */
  async #status(flowId) {
    await this.#enter()
    await this.#recorder.loadOutcome(flowId)
    return this.#engine().status(flowId)
  }

  async #history(flowId) {
    return (await this.#enter([flowId])).history(flowId)
  }

  /** Resolves with the run's result once completed; rejects with its error if it failed or was cancelled. */
  async #result(flowId, settle) {
    await this.#enter()
    return this.#whileAwaited(async () => {
      for (;;) {
        let unsubscribe
        const changed = new Promise((resolve) => {
          unsubscribe = this.subscribeFlow(flowId, resolve)
        })
        try {
          await this.#recorder.loadOutcome(flowId)
          const outcome = settle(this.#engine().status(flowId))
          if (outcome) return outcome.value
          await changed
        } finally {
          unsubscribe()
        }
      }
    })
  }

  async #cancel(flowId, reason) {
    await this.ready()
    const reasonText = reason === undefined ? '' : toJsonText(reason, 'cancel reason')
    await this.#write((engine) => engine.cancel(flowId, reasonText, this.now()), [flowId])
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
    if (!this.#loaded || this.#closed) return undefined
    const engine = this.#recorder.engine
    return this.#flows.peek(flowId, () => {
      try {
        return engine.status(flowId)
      } catch (error) {
        if (error instanceof FlowNotFoundError) return null
        if (engine.outcomeToLoad(flowId) === null) throw error
        // A closed run whose outcome is not in memory: read it, then tell the run's subscribers.
        this.#recorder.loadOutcome(flowId).then(() => this.#flows.changed(flowId), () => {})
        return undefined
      }
    })
  }

  // ---- flows ----

  /** Registers a flow definition (definitions.js) and resumes its runs that can go on. */
  flow(name, ...rest) {
    return defineFlow(this, readDefinition(name, rest), (body) => {
      if (this.#scheduler) this.#scheduler.define(name, body)
      else this.#early.set(name, body)
      if (this.#ready) {
        this.#enter()
          .then(() => this.#scheduler.driveRunnable(name))
          .catch(() => {})
      }
    })
  }

  /** Starts a run of flow `name` (its input already checked and as JSON text); its handle. */
  async #start(name, flowId, inputText) {
    // An existing run answers from its summary: its journal is not read.
    const started = await this.#write((engine) => engine.startRun(name, flowId, inputText, this.now()))
    this.#scheduler.drive(started.flowId)
    return new FlowHandle(this.#handles, started.flowId)
  }

  async signalFlow(flowId, name, payload, signalOptions) {
    text(flowId, 'flowId')
    text(name, 'signal name')
    const optionsText = signalOptions === undefined ? '' : toJsonText(options(signalOptions, 'signal options'), 'signal options')
    await this.ready()
    const payloadText = toJsonText(payload, `payload of signal "${name}"`) ?? ''
    await this.#checkStandardAtSend(flowId, name, payloadText)
    const answer = await this.#write((engine) => engine.signal(flowId, name, payloadText, optionsText, this.now()), [flowId])
    return answer.waitingFor === undefined ? { outcome: answer.outcome } : { outcome: answer.outcome, waitingFor: answer.waitingFor }
  }

  /** Called by a pass parking on a suspend: its Standard Schema, if any, checks signals at send time. */
  #rememberWait(flowId, key, name, standard) {
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
    const engine = await this.#enter([flowId])
    let pending
    try {
      pending = engine.pendingWait(flowId)
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
    return new FlowHandle(this.#handles, flowId)
  }

  async listFlows(filter) {
    const filterText = filter === undefined ? '' : toJsonText(filter, 'listFlows filter')
    return (await this.#enter()).listFlows(filterText)
  }

  /** Deletes a run and its journal, whatever its state (a pass over it in this tab stops). */
  async deleteFlow(flowId) {
    text(flowId, 'flowId')
    await this.ready()
    await this.#write((engine) => engine.deleteRun(flowId))
  }

  // ---- plans ----

  async plan(fields) {
    await this.ready()
    const fieldsText = toJsonText(fields, 'plan') ?? ''
    const created = await this.#write((engine) => engine.planCreate(fieldsText, this.now()))
    return this.#plans.resolve(created)
  }

  async updatePlan(id, changes, updateOptions) {
    text(id, 'plan id')
    await this.ready()
    const { ifVersion: expected } = options(updateOptions, 'updatePlan options')
    const ifVersion = expected === undefined ? '' : toJsonText(expected, 'ifVersion')
    const changesText = toJsonText(changes, 'plan changes') ?? ''
    const updated = await this.#write((engine) => engine.planUpdate(id, changesText, ifVersion, this.now()))
    return this.#plans.resolve(updated)
  }

  async getPlan(id) {
    text(id, 'plan id')
    return this.#plans.resolve((await this.#enter()).planGet(id))
  }

  async listPlans() {
    return (await this.#enter()).planList().map((plan) => this.#plans.resolve(plan))
  }

  async deletePlan(id) {
    text(id, 'plan id')
    await this.ready()
    await this.#write((engine) => engine.planDelete(id))
  }

  subscribePlan(id, listener) {
    text(id, 'plan id')
    if (typeof listener !== 'function') throw new InvalidArgumentError('listener must be a function')
    return this.#plans.subscribe(id, listener)
  }

  /** The plan, synchronously: its cached snapshot; undefined if missing or not loaded yet. */
  peekPlan(id) {
    text(id, 'plan id')
    if (!this.#loaded || this.#closed) return undefined
    return this.#plans.peek(id, () => this.#recorder.engine.planGet(id))
  }

  /** Every plan, oldest first, synchronously: one frozen array until a plan changes; undefined until loaded. */
  peekPlans() {
    if (!this.#loaded || this.#closed) return undefined
    return this.#plans.list(() => this.#recorder.engine.planList())
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
      await this.#ready // undefined if nothing was ever opened
    } catch {
      // nothing was opened
    }
    await this.#recorder?.idle()
    this.#closed = true
    this.#timer.close()
    this.#scheduler?.close()
    this.#recorder?.close()
  }
}
