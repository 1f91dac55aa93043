import type { StandardSchema } from './schema.js'

/** Any value that survives JSON: what steps return, signals carry and plans hold. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined }

/**
 * What a value of type T reads back as after a JSON round trip, which is what a step resolves
 * to (on the first pass too), what a run's result is and what a body's input holds: a Date
 * becomes its ISO string (through toJSON), object members that are undefined or functions are
 * dropped, array items that are undefined or functions become null. Types JSON cannot hold
 * (bigint, symbols, functions, Map and Set) become never: recording them is NOT_SERIALIZABLE.
 */
export type Jsonify<T> =
  0 extends 1 & T ? any
  : unknown extends T ? unknown
  : T extends void ? T
  : T extends Json ? T
  : T extends { toJSON(...args: any[]): infer J } ? Jsonify<J>
  : T extends bigint | symbol | ((...args: any[]) => unknown) ? never
  : T extends ReadonlyMap<unknown, unknown> | ReadonlySet<unknown> | WeakMap<object, unknown> | WeakSet<object> ? never
  : T extends readonly unknown[] ? { -readonly [K in keyof T]: JsonifyItem<T[K]> }
  : T extends object ? JsonifyObject<T>
  : never

type Unrecorded = undefined | symbol | ((...args: any[]) => unknown)
type JsonifyItem<T> = T extends Unrecorded ? null : Jsonify<T>
type JsonifyObject<T> = {
  -readonly [K in keyof T as K extends symbol ? never : [Exclude<T[K], Unrecorded>] extends [never] ? never : K]: Jsonify<T[K]>
}

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

/** What listFlows() answers for each run: its status without how it ended. */
export type FlowSummary = Omit<FlowStatus, 'result' | 'error'>

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
  buffer?: boolean | undefined
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
  retries?: number | undefined
  /** The first retry delay (doubling after), or the full curve. Default 1s, ×2, at most 1h. */
  backoff?: Duration | { initial?: Duration | undefined; factor?: number | undefined; max?: Duration | undefined } | undefined
}

export interface SuspendOptions<Payload> {
  /** A JSON Schema (an object, `true` or `false`) or a Standard Schema (zod 4, valibot, arktype). */
  schema?: StandardSchema<unknown, Payload> | Record<string, unknown> | boolean | undefined
  /** After this long without a signal, the suspend rejects with SUSPEND_TIMEOUT. */
  timeout?: Duration | undefined
}

/** What a flow body receives: the durable primitives of one run. */
export interface FlowContext<Input = any> {
  readonly flowId: string
  /** The run's input as recorded (JSON): with a declared `input` schema, what that schema returned. */
  readonly input: Input
  /**
   * Runs `fn` once and records its result; on replay resolves to the recorded result. Either
   * way it resolves to the result's JSON form (`Jsonify<T>`: a Date comes back as its ISO string).
   */
  step<T>(name: string, fn: () => T | Promise<T>, options?: StepOptions): Promise<Jsonify<T>>
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
  /**
   * Starts a run; with an existing `flowId`, returns that run's handle instead. With a declared
   * `input` schema, an input it refuses is INVALID_ARGUMENT (`details`: `[{ path, message }]`)
   * and nothing is recorded. Runs belong to the flow's name: they run the name's latest
   * registration, whichever definition object started them.
   */
  start(...args: StartArgs<Input>): Promise<FlowHandle<Result>>
}

/** start()'s arguments: the input may be left out only where the input type allows undefined. */
export type StartArgs<Input> = undefined extends Input
  ? [input?: Input, options?: StartOptions]
  : [input: Input, options?: StartOptions]

export interface StartOptions {
  /** The run's id; a run with this id that exists already is returned instead of starting one. */
  flowId?: string | undefined
}

/** A flow's options: `flow(name, { input }, body)`. */
export interface FlowOptions<Schema = StandardSchema | Record<string, unknown>> {
  /**
   * The input every run must have: a Standard Schema (zod 4, valibot, arktype) or a JSON Schema
   * object. The engine checks it when a run starts (with the JSON Schema a Standard Schema
   * exports), then the Standard Schema does; its output is the recorded input.
   */
  input?: Schema | undefined
}

/** The input type a Standard Schema accepts, and the one it returns. */
export type SchemaInput<S> = S extends { readonly '~standard': { readonly types?: infer T } }
  ? NonNullable<T> extends { readonly input: infer I } ? I : unknown
  : unknown
export type SchemaOutput<S> = S extends StandardSchema<any, infer O> ? O : unknown

/**
 * A flow's body: given the run's context, resolves to the run's result (recorded as JSON, so
 * the definition's result type is `Jsonify<Result>`).
 */
export type FlowBody<Input, Result> = (flow: FlowContext<Input>) => Promise<Result>

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
  title?: string | undefined
  content?: string | undefined
  metadata?: Record<string, unknown> | undefined
}

export interface PlanChanges {
  title?: string | undefined
  content?: string | undefined
  /** A JSON Merge Patch (RFC 7386): `null` deletes a key. */
  metadata?: Record<string, unknown> | undefined
}

export interface CruxOptions {
  /** The database name (default 'default'): letters, digits, '.', '_' and '-'. */
  name?: string | undefined
  /** 'indexeddb' (durable, the default) or 'memory'. */
  storage?: 'indexeddb' | 'memory' | undefined
  /** The clock, in epoch milliseconds (default Date.now). */
  now?: (() => number) | undefined
  /** The fetch that LLM providers use when they are given none. */
  fetch?: typeof fetch | undefined
  /**
   * Ask the browser (`navigator.storage.persist()`) to keep this origin's storage when space
   * runs short; `crux.persisted()` gives its answer. Default false.
   */
  persist?: boolean | undefined
  /**
   * Delete closed (completed, failed, cancelled) runs last changed longer ago than this, when the
   * store opens: milliseconds or a duration like '30d'. Plans stay until deleted. Default: keep all.
   */
  retainClosedFor?: number | string | undefined
}

/**
 * flow() in its forms:
 * - `flow(name, body)`: the input typed by annotating the body (`async (flow: FlowContext<In>) => …`),
 *   or by `flow<In, Result>(…)` (TypeScript infers no type argument once one is given: name both);
 * - `flow(name, { input: schema }, body)`: a Standard Schema types the input in `start()` and in the body.
 * The result type is what the body resolves to, as JSON (`Jsonify`).
 */
export interface FlowFunction {
  <Schema extends StandardSchema<any, any>, Result>(
    name: string,
    options: FlowOptions<Schema> & { input: Schema },
    body: FlowBody<Jsonify<SchemaOutput<Schema>>, Result>,
  ): FlowDefinition<SchemaInput<Schema>, Jsonify<Result>>
  <Input = any, Result = unknown>(
    name: string,
    options: FlowOptions<Record<string, unknown>>,
    body: FlowBody<Input, Result>,
  ): FlowDefinition<Input, Jsonify<Result>>
  <Input = any, Result = unknown>(name: string, body: FlowBody<Input, Result>): FlowDefinition<Input, Jsonify<Result>>
}

export interface Crux {
  readonly name: string
  /** The `fetch` given to createCrux, for LLM providers that have none of their own. */
  readonly fetch: typeof fetch | undefined
  ready(): Promise<void>
  flow: FlowFunction
  /**
   * Records a signal; resolves once durable with what became of it. SIGNAL_INVALID if the payload
   * fails the pending wait's schema (or, with `buffer: false`, the run is not parked on a wait of
   * that name); SUSPEND_TIMEOUT if the run's latest wait of that name timed out first. Either way
   * nothing is recorded.
   */
  signalFlow(flowId: string, name: string, payload?: unknown, options?: SignalOptions): Promise<SignalResult>
  getFlow<Result = unknown>(flowId: string): FlowHandle<Result>
  /** Every run's summary, oldest first: its status without `result` or `error` (read from the index, no journal). */
  listFlows(filter?: { status?: FlowStatusName; name?: string }): Promise<FlowSummary[]>
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
