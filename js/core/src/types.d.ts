import type { StandardSchema } from './schema.js'

/** Any value that survives JSON: what steps return, signals carry and plans hold. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined }

/** Milliseconds, or a string like '30s', '5m', '2h', '7d', '1w', '1h30m'. */
export type Duration = number | string

export type FlowStatusName = 'running' | 'suspended' | 'completed' | 'failed' | 'cancelled'

export interface RecordedError {
  name: string
  message: string
  code?: string
  details?: unknown
  /** For a cancelled run: the reason given to cancel(). */
  reason?: string
}

export interface FlowStatus<Result = unknown> {
  flowId: string
  name: string
  status: FlowStatusName
  /** The name of the wait the run is parked on, while 'suspended'. */
  waitingFor?: string
  result?: Result
  error?: RecordedError
  createdAt: number
  updatedAt: number
}

export type FlowEventType =
  | 'started' | 'step-completed' | 'step-failed' | 'suspended' | 'signaled'
  | 'resumed' | 'timed-out' | 'completed' | 'failed' | 'cancelled'

export interface FlowEvent {
  seq: number
  type: FlowEventType
  at: number
  /** The flow's name (started), the step's or wait's name, or the signal's. */
  name?: string
  /** Which call of that name (steps and waits apart), from the second on: 2, 3, ... */
  occurrence?: number
  /**
   * The payload of a 'signaled' event. For 'suspended': `{ wait, deadline?, sleep? }`, plus
   * `rejected` (`[{ path, message }]`) and `signal` (the seq of the rejected 'signaled' event)
   * when a payload was rejected and the wait was armed again.
   */
  data?: unknown
  attempt?: number
  retryAt?: number
  /** On 'signaled': the run was not parked on a wait of that name, so the signal was buffered. */
  buffered?: true
}

export interface SignalOptions {
  /**
   * `false`: refuse (SIGNAL_INVALID, nothing recorded) rather than buffer a signal the run is
   * not parked on a wait of that name for. Default true.
   */
  buffer?: boolean
}

/** What became of a signal, once recorded. */
export interface SignalResult {
  /**
   * 'delivered': to the suspend the run is parked on (its payload is validated again by a
   * Standard Schema on resume). 'buffered': kept for the next suspend of that name.
   */
  outcome: 'delivered' | 'buffered'
  /** The name of the wait the run was parked on when the signal came (as status().waitingFor). */
  waitingFor?: string
}

export interface StepOptions {
  /** Attempts after the first one (default 0). */
  retries?: number
  /** The first retry delay (doubling after), or the full curve. Default 1s, ×2, at most 1h. */
  backoff?: Duration | { initial?: Duration; factor?: number; max?: Duration }
}

export interface SuspendOptions<Payload> {
  /** A JSON Schema (an object, `true` or `false`) or a Standard Schema (zod 4, valibot, arktype). */
  schema?: StandardSchema<unknown, Payload> | Record<string, unknown> | boolean
  /** After this long without a signal, the suspend rejects with SUSPEND_TIMEOUT. */
  timeout?: Duration
}

/** What a flow body receives: the durable primitives of one run. */
export interface FlowContext<Input = any> {
  readonly flowId: string
  readonly input: Input
  /** Runs `fn` once and records its result; on replay resolves to the recorded result. */
  step<T>(name: string, fn: () => T | Promise<T>, options?: StepOptions): Promise<T>
  /** Releases the run until a signal named `name` arrives; resolves to its validated payload. */
  suspend<Payload = any>(name: string, options?: SuspendOptions<Payload>): Promise<Payload>
  /** Releases the run until `duration` has passed. */
  sleep(name: string, duration: Duration): Promise<void>
}

export interface FlowHandle<Result = unknown> {
  readonly flowId: string
  status(): Promise<FlowStatus<Result>>
  /** The body's return value once completed; rejects with the run's error if it failed or was cancelled. */
  result(): Promise<Result>
  /** Same as signalFlow(flowId, name, payload, options). */
  signal(name: string, payload?: unknown, options?: SignalOptions): Promise<SignalResult>
  cancel(reason?: string): Promise<void>
  history(): Promise<FlowEvent[]>
}

export interface FlowDefinition<Input = any, Result = unknown> {
  readonly name: string
  /** Starts a run; with an existing `flowId`, returns that run's handle instead. */
  start(input?: Input, options?: { flowId?: string }): Promise<FlowHandle<Result>>
}

export interface Plan<Metadata extends Record<string, unknown> = Record<string, any>> {
  readonly id: string
  readonly title: string
  readonly content: string
  readonly metadata: Readonly<Metadata>
  readonly version: number
  readonly createdAt: number
  readonly updatedAt: number
}

export interface PlanFields {
  title?: string
  content?: string
  metadata?: Record<string, unknown>
}

export interface PlanChanges {
  title?: string
  content?: string
  /** A JSON Merge Patch (RFC 7386): `null` deletes a key. */
  metadata?: Record<string, unknown>
}

export interface CruxOptions {
  /** The database name (default 'default'): letters, digits, '.', '_' and '-'. */
  name?: string
  /** 'indexeddb' (durable, the default) or 'memory'. */
  storage?: 'indexeddb' | 'memory'
  /** The clock, in epoch milliseconds (default Date.now). */
  now?: () => number
  /** The fetch that LLM providers use when they are given none. */
  fetch?: typeof fetch
  /**
   * Ask the browser (`navigator.storage.persist()`) to keep this origin's storage when space
   * runs short; `crux.persisted()` gives its answer. Default false.
   */
  persist?: boolean
  /**
   * Delete closed (completed, failed, cancelled) runs last changed longer ago than this, when the
   * store opens: milliseconds or a duration like '30d'. Plans stay until deleted. Default: keep all.
   */
  retainClosedFor?: number | string
}

export interface Crux {
  readonly name: string
  /** The `fetch` given to createCrux, for LLM providers that have none of their own. */
  readonly fetch: typeof fetch | undefined
  ready(): Promise<void>
  flow<Input = any, Result = unknown>(name: string, body: (flow: FlowContext<Input>) => Promise<Result>): FlowDefinition<Input, Result>
  /**
   * Records a signal; resolves once durable with what became of it. SIGNAL_INVALID if the payload
   * fails the pending wait's schema (or, with `buffer: false`, the run is not parked on a wait of
   * that name); SUSPEND_TIMEOUT if the run's latest wait of that name timed out first. Either way
   * nothing is recorded.
   */
  signalFlow(flowId: string, name: string, payload?: unknown, options?: SignalOptions): Promise<SignalResult>
  getFlow<Result = unknown>(flowId: string): FlowHandle<Result>
  listFlows(filter?: { status?: FlowStatusName; name?: string }): Promise<FlowStatus[]>
  /** Deletes a run, its journal and summary, whatever its state (a pass over it stops); FLOW_NOT_FOUND if unknown. */
  deleteFlow(flowId: string): Promise<void>
  /** Calls `listener` after every committed change to the run; returns the unsubscribe function. */
  subscribeFlow(flowId: string, listener: () => void): () => void
  /**
   * The run's status synchronously (what status() resolves to): the same frozen object until
   * the run's next committed change. Undefined for an unknown run and until the instance has loaded
   * (`await crux.ready()`).
   */
  peekFlow<Result = unknown>(flowId: string): Readonly<FlowStatus<Result>> | undefined
  plan(fields: PlanFields): Promise<Plan>
  updatePlan(id: string, changes: PlanChanges, options?: { ifVersion?: number }): Promise<Plan>
  getPlan(id: string): Promise<Plan | undefined>
  listPlans(): Promise<Plan[]>
  deletePlan(id: string): Promise<void>
  /** Calls `listener` with the new plan (undefined once deleted) after every committed change. */
  subscribePlan(id: string, listener: (plan: Plan | undefined) => void): () => void
  /**
   * The plan synchronously: the same frozen snapshot that getPlan and subscribePlan give, until
   * it changes. Undefined for a missing plan and until the instance has loaded (`await crux.ready()`).
   */
  peekPlan(id: string): Plan | undefined
  /**
   * Every plan, oldest first, synchronously: the same frozen array until a plan is created,
   * changed or deleted. Undefined until the instance has loaded (`await crux.ready()`).
   */
  peekPlans(): readonly Plan[] | undefined
  /** Calls `listener` with the new list (what peekPlans() returns) after every commit that changed plans. */
  subscribePlans(listener: (plans: readonly Plan[]) => void): () => void
  /**
   * Whether the browser keeps this origin's storage under pressure: its answer to
   * `navigator.storage.persist()` when created with `persist: true`, else to `persisted()`.
   * False in memory or where the Storage API is missing.
   */
  persisted(): Promise<boolean>
  /** Waits for pending commits and releases the database. */
  close(): Promise<void>
}
