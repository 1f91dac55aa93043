/**
 * The Emscripten module instance and its engine (one per instance), declared once, here, function
 * by function as bindings/engine_binding.cpp defines them. Every function but commit() and
 * holdsSchemas() returns an envelope
 * (`{"ok":value}` or `{"error":{code,message,details?}}`) that engine-call.js unwraps; the
 * entry and outbox shapes are src/engine/door.hpp's.
 */
export interface EngineModule extends EngineBinding {
  /** The engine's limits as JSON text (src/core/limits.hpp); see limits.js. */
  limits(): string
  /** crux-schema.wasm, once given (schema-module.js): bindings/host_validator.cpp validates through it. */
  cruxSchemas?: SchemaModule
  /** Why crux-schema.wasm could not be loaded, for the ENGINE_UNAVAILABLE of a call that needed it. */
  cruxSchemasFailure?: string
}

/** crux-schema.wasm, the JSON Schema validator (bindings/schema_binding.cpp). */
export interface SchemaModule {
  limits(): string
  /**
   * How `instance` (the bytes of JSON text, empty for null) fails `schema` (JSON text):
   * `[{ path, message }]`, empty when it fits; with a null instance, null once the schema
   * compiles. An invalid schema, or an instance that is not JSON (named `what`), is INVALID_ARGUMENT.
   */
  validate(schema: string, instance: Uint8Array | null, what: string, budget: number): Reply
  /** Checks a run's input against its flow's declared JSON Schema: null, or INVALID_ARGUMENT listing each failing path. */
  checkFlowInput(flowName: string, schema: string, input: string): Reply
}

/** An envelope's JSON text. */
type Reply = string

/** The engine's functions: open() makes the engine, the rest call it (STORAGE_UNAVAILABLE before open). */
export interface EngineBinding {
  // ---- storage ----
  /** Opens over the entries `[[name, byteLength]]` + their bytes: `{ runs, plans, loaded }`. */
  open(layout: string, bytes: Uint8Array): Reply
  /** `{ prefix, folded }` of the entries to read before the run can be used, or null. */
  toLoad(flowId: string): Reply
  loadRun(flowId: string, layout: string, bytes: Uint8Array): Reply
  /** `{ prefix, folded, from }` of the entries to read before a closed run's status answers, or null. */
  outcomeToLoad(flowId: string): Reply
  loadOutcome(flowId: string, layout: string, bytes: Uint8Array): Reply
  /** The entries other tabs wrote since this engine last looked. */
  follow(layout: string, bytes: Uint8Array): Reply
  /**
   * The batch's outbox. `reply` unwraps to `{ put: [[name, byteLength]], remove, removePrefixes,
   * changes, nextDeadline }`; `bytes` views the put entries' bytes, valid until the next call.
   */
  commit(): { reply: Reply; bytes: Uint8Array }
  settled(durable: boolean): Reply
  due(now: number): Reply
  deleteRun(flowId: string): Reply
  expireClosed(retention: string, now: number): Reply
  nextDeadline(): Reply

  // ---- runs ----
  startRun(name: string, hasFlowId: boolean, flowId: string, input: string, now: number): Reply
  beginExecution(flowId: string, now: number): Reply
  endExecution(flowId: string, execId: number): Reply
  stepBegin(flowId: string, execId: number, name: string, options: string, now: number): Reply
  stepComplete(flowId: string, execId: number, key: string, result: string, now: number): Reply
  stepFail(flowId: string, execId: number, key: string, error: string, now: number): Reply
  suspend(flowId: string, execId: number, name: string, schema: string, timeout: string): Reply
  sleep(flowId: string, execId: number, name: string, duration: string): Reply
  wait(flowId: string, execId: number, call: number, now: number): Reply
  complete(flowId: string, execId: number, result: string, now: number): Reply
  fail(flowId: string, execId: number, error: string, now: number): Reply
  signal(flowId: string, name: string, payload: string, options: string, now: number): Reply
  rejectSignal(flowId: string, execId: number, key: string, failures: string, now: number): Reply
  pendingWait(flowId: string): Reply
  cancel(flowId: string, reason: string, now: number): Reply
  status(flowId: string): Reply
  history(flowId: string): Reply
  listFlows(filter: string): Reply
  tick(now: number): Reply
  runnable(name: string): Reply
  /** Whether the next calls may validate against a JSON Schema: crux-schema.wasm must be given first. */
  holdsSchemas(): boolean

  // ---- plans ----
  planCreate(fields: string, now: number): Reply
  planUpdate(id: string, changes: string, ifVersion: string, now: number): Reply
  planGet(id: string): Reply
  planList(): Reply
  planDelete(id: string): Reply
}

/** A new engine module instance; the .wasm is compiled once and shared by all instances. */
export function loadEngineModule(): Promise<EngineModule>
/** A new instance of one of the modules CMakeLists.txt builds (crux.wasm, crux-schema.wasm, crux-ai.wasm); ENGINE_UNAVAILABLE if it does not load. */
export function instantiateModule<M extends { limits(): string }>(
  factory: (options: object) => Promise<M>,
  loadOptions: (onFailure: (error: unknown) => void) => Promise<object>,
  file: string,
): Promise<M>
