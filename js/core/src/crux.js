// One Crux instance: its own engine module, store and database. Every method waits for the
// instance to be ready; every change resolves only once it is durable.

import { FlowNotFoundError, InvalidArgumentError, StorageUnavailableError, errorFromRecord } from './errors.js'
import { options, text, unwrap } from './engine-call.js'
import { runPass } from './flow-runner.js'
import { toJsonText } from './json.js'
import { loadEngineModule } from './module.js'
import { FlowSnapshots } from './flow-snapshots.js'
import { PlanSnapshots } from './plan-snapshots.js'
import { Storage } from './storage.js'

const MAX_TIMER_MS = 2 ** 31 - 1

export class Crux {
  #now
  #fetch
  #name
  #storage
  #engine
  #ready
  #closed = false
  /** The store is loaded: the peek methods read only then. */
  #loaded = false
  #timer
  #definitions = new Map()
  #passes = new Map()
  #flows = new FlowSnapshots()
  #plans = new PlanSnapshots()
  /** result() calls waiting: while any do, the deadline timer keeps a Node process alive. */
  #awaitingResults = 0

  constructor(settings = {}) {
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
      throw new InvalidArgumentError(`createCrux options must be an object like { name, storage }, got ${settings === null ? 'null' : typeof settings}`)
    }
    const { name = 'default', storage = 'indexeddb', now = Date.now, fetch } = settings
    text(name, 'name')
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(name)) {
      throw new InvalidArgumentError(`name must be 1-200 letters, digits, '.', '_' or '-', got "${name}"`)
    }
    if (storage !== 'indexeddb' && storage !== 'memory') {
      throw new InvalidArgumentError(`storage must be 'indexeddb' or 'memory', got ${JSON.stringify(storage)}`)
    }
    if (typeof now !== 'function') throw new InvalidArgumentError('now must be a function returning epoch milliseconds')
    if (fetch !== undefined && typeof fetch !== 'function') throw new InvalidArgumentError('fetch must be a function')
    this.#name = name
    this.#now = now
    this.#fetch = fetch
    this.#ready = this.#open(storage)
    this.#ready.catch(() => {}) // surfaced by the first call that awaits it
    for (const method of ['flow', 'signalFlow', 'getFlow', 'listFlows', 'plan', 'updatePlan', 'getPlan',
      'listPlans', 'deletePlan', 'subscribePlan', 'subscribeFlow', 'close',
      'peekPlan', 'peekPlans', 'subscribePlans', 'peekFlow']) {
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
    unwrap(this.#engine.open(dir))
    this.#loaded = true
    this.#tick()
  }

  /** Resolves once the instance has loaded its store. */
  async ready() {
    if (this.#closed) throw new StorageUnavailableError(`Crux instance "${this.#name}" is closed`)
    await this.#ready
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

  /** Resolves once everything recorded so far is durable; then tells the subscribers. */
  async commit() {
    const mark = this.#engine.mark()
    await this.#storage.commit()
    this.#deliver(mark)
  }

  /** Waits out the time left until `deadline` on the instance's clock (a step's retry). */
  async delayUntil(deadline) {
    const left = Math.min(deadline - this.now(), MAX_TIMER_MS)
    if (left > 0 && !this.#closed) await new Promise((resolve) => setTimeout(resolve, left))
  }

  #deliver(mark) {
    let plansChanged = false
    for (const change of unwrap(this.#engine.takeChanges(mark))) {
      if (change.kind === 'plan') {
        this.#plans.changed(change.id, change.plan)
        plansChanged = true
      } else {
        this.#flows.changed(change.id)
      }
    }
    if (plansChanged) this.#plans.listChanged(() => unwrap(this.#engine.planList()))
  }

  /** Whether the peek methods can read: the store is loaded and the instance not closed. */
  #readable() {
    return this.#loaded && !this.#closed
  }

  /** Records due deadlines, resumes what they release, and arms the timer for the next. */
  #tick() {
    if (this.#closed) return
    const { runnable, nextDeadline } = this.call('tick', this.now())
    if (runnable.length > 0) {
      this.commit().catch(() => {})
      for (const flowId of runnable) this.drive(flowId)
    }
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (nextDeadline !== null) {
      const delay = Math.min(Math.max(nextDeadline - this.now(), 0), MAX_TIMER_MS)
      this.#timer = setTimeout(() => this.#tick(), delay)
      // An idle instance must not keep a Node process alive for a deadline days away, but
      // one whose result someone awaits must. A page does not care.
      if (this.#awaitingResults === 0) this.#timer.unref?.()
    }
  }

  /** Ready, with due deadlines recorded: how every public call begins. */
  async enter() {
    await this.ready()
    this.#tick()
  }

  /** Starts a pass over a run if it can go on and its definition is registered here. */
  drive(flowId) {
    if (this.#closed || this.#passes.has(flowId)) return
    const execution = this.call('beginExecution', flowId, this.now())
    if (!execution) return
    const body = this.#definitions.get(execution.name)
    if (!body) {
      this.call('endExecution', flowId, execution.execId)
      return
    }
    const pass = runPass(this, flowId, execution, body)
      .catch((error) => {
        if (!this.#closed) console.error(`[crux] flow run ${flowId} stopped:`, error)
      })
      .then(() => {
        this.#passes.delete(flowId)
        if (this.#closed) return
        this.call('endExecution', flowId, execution.execId)
        this.#tick()
        this.drive(flowId) // a signal may have come while this pass was parking
      })
      .catch((error) => console.error(`[crux] after flow run ${flowId}:`, error))
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

  /** Registers a flow definition and resumes its runs that can go on. */
  flow(name, body) {
    text(name, 'flow name')
    if (typeof body !== 'function') throw new InvalidArgumentError(`flow "${name}" needs an async function body`)
    this.#definitions.set(name, body)
    this.ready()
      .then(() => {
        for (const flowId of this.call('runnable', name, this.now())) this.drive(flowId)
      })
      .catch(() => {})
    const crux = this
    return Object.freeze({
      name,
      async start(input, startOptions) {
        await crux.enter()
        const { flowId: givenFlowId } = options(startOptions, 'start options')
        const hasFlowId = givenFlowId !== undefined
        const flowId = hasFlowId ? text(givenFlowId, 'flowId') : ''
        const inputText = toJsonText(input, `input of flow "${name}"`) ?? ''
        const started = crux.call('startRun', name, hasFlowId, flowId, inputText, crux.now())
        if (started.created) await crux.commit()
        crux.drive(started.flowId)
        return new FlowHandle(crux, started.flowId)
      },
    })
  }

  async signalFlow(flowId, name, payload) {
    text(flowId, 'flowId')
    text(name, 'signal name')
    await this.enter()
    const payloadText = toJsonText(payload, `payload of signal "${name}"`) ?? ''
    const { runnable } = this.call('signal', flowId, name, payloadText, this.now())
    await this.commit()
    if (runnable) this.drive(flowId)
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
    await this.enter()
    const created = this.call('planCreate', toJsonText(fields, 'plan') ?? '', this.now())
    await this.commit()
    return this.#plans.resolve(created)
  }

  async updatePlan(id, changes, updateOptions) {
    text(id, 'plan id')
    await this.enter()
    const { ifVersion: expected } = options(updateOptions, 'updatePlan options')
    const ifVersion = expected === undefined ? '' : toJsonText(expected, 'ifVersion')
    const updated = this.call('planUpdate', id, toJsonText(changes, 'plan changes') ?? '', ifVersion, this.now())
    await this.commit()
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
    await this.enter()
    this.call('planDelete', id)
    await this.commit()
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
    this.#closed = true
    clearTimeout(this.#timer)
    await this.#storage?.close()
  }
}

/** A handle on one run, by id; its methods read the run's current state. */
export class FlowHandle {
  #crux

  constructor(crux, flowId) {
    this.#crux = crux
    this.flowId = flowId
    Object.freeze(this)
  }

  async status() {
    await this.#crux.enter()
    return this.#crux.call('status', this.flowId)
  }

  /** The body's return value once completed; the run's error if it failed or was cancelled. */
  async result() {
    await this.#crux.ready() // whileAwaited records due deadlines
    return this.#crux.whileAwaited(async () => {
      for (;;) {
        let unsubscribe
        const changed = new Promise((resolve) => {
          unsubscribe = this.#crux.subscribeFlow(this.flowId, resolve)
        })
        try {
          const status = this.#crux.call('status', this.flowId)
          if (status.status === 'completed') return status.result
          if (status.status === 'failed' || status.status === 'cancelled') throw errorFromRecord(status.error)
          await changed
        } finally {
          unsubscribe()
        }
      }
    })
  }

  async signal(name, payload) {
    return this.#crux.signalFlow(this.flowId, name, payload)
  }

  async cancel(reason) {
    await this.#crux.enter()
    const reasonText = reason === undefined ? '' : toJsonText(reason, 'cancel reason')
    this.#crux.call('cancel', this.flowId, reasonText, this.#crux.now())
    await this.#crux.commit()
  }

  async history() {
    await this.#crux.enter()
    return this.#crux.call('history', this.flowId)
  }
}
