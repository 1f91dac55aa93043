// The engine, as JavaScript calls it: methods over the functions of the engine's module
// (bindings/engine_binding.cpp, typed in module.d.ts), each decoding its reply once. A pass over
// a run gets a PassDoor, which carries the run and the pass instead of threading them through
// every call.

import { unwrap } from './engine-call.js'
import { loadSchemaModule } from './schema-module.js'
import { packEntries } from './storage/entries.js'

export class EngineDoor {
  /** crux.wasm's instance: its functions are the engine's door. @type {import('./module.d.ts').EngineModule} */
  #module

  /** @param {import('./module.d.ts').EngineModule} module */
  constructor(module) {
    this.#module = module
  }

  // ---- schemas ----

  /** Whether the next calls may validate against a JSON Schema that this engine cannot check yet. */
  get needsSchemas() {
    return this.#module.cruxSchemas === undefined && this.#module.holdsSchemas()
  }

  /**
   * Gives this engine crux-schema.wasm, the validator (loaded once per page; after a failure,
   * schema-module.js waits before fetching it again). False when it could not be loaded: a call
   * that validates then fails alone, with ENGINE_UNAVAILABLE saying why.
   */
  async loadSchemas() {
    try {
      this.#module.cruxSchemas = await loadSchemaModule()
      return true
    } catch (error) {
      this.#module.cruxSchemasFailure = error instanceof Error ? error.message : String(error)
      return false
    }
  }

  // ---- storage ----

  /** Opens over the store's summaries and plans: `{ runs, plans, loaded }`. */
  open(entries) {
    const { layout, bytes } = packEntries(entries)
    return unwrap(this.#module.open(layout, bytes))
  }

  /** `{ prefix, folded }`: what to read before the run can be used; null when loaded or unknown. */
  toLoad(flowId) {
    return unwrap(this.#module.toLoad(flowId))
  }

  loadRun(flowId, entries) {
    const { layout, bytes } = packEntries(entries)
    unwrap(this.#module.loadRun(flowId, layout, bytes))
  }

  /** `{ prefix, folded, from }`: what to read before a closed run's status answers; null when not needed. */
  outcomeToLoad(flowId) {
    return unwrap(this.#module.outcomeToLoad(flowId))
  }

  loadOutcome(flowId, entries) {
    const { layout, bytes } = packEntries(entries)
    unwrap(this.#module.loadOutcome(flowId, layout, bytes))
  }

  /** Takes in the entries other tabs wrote since this engine last looked. */
  follow(entries) {
    const { layout, bytes } = packEntries(entries)
    unwrap(this.#module.follow(layout, bytes))
  }

  /**
   * What the calls since the last commit recorded: `{ writes: { put: [{ name, contents }], remove,
   * removePrefixes }, changes, nextDeadline }`. The contents are copies, safe to keep.
   */
  commit() {
    const { reply, bytes } = this.#module.commit()
    const { put, remove, removePrefixes, changes, nextDeadline } = unwrap(reply)
    let at = 0
    const entries = put.map(([name, length]) => {
      const contents = bytes.slice(at, at + length)
      at += length
      return { name, contents }
    })
    return { writes: { put: entries, remove, removePrefixes }, changes, nextDeadline }
  }

  /** Storage answered for the last commit: durable, or failed (the engine takes the batch back). */
  settled(durable) {
    unwrap(this.#module.settled(durable))
  }

  due(now) {
    return unwrap(this.#module.due(now))
  }


  deleteRun(flowId) {
    unwrap(this.#module.deleteRun(flowId))
  }

  expireClosed(retentionText, now) {
    return unwrap(this.#module.expireClosed(retentionText, now))
  }

  nextDeadline() {
    return unwrap(this.#module.nextDeadline())
  }

  // ---- runs ----

  startRun(name, flowId, inputText, now) {
    return unwrap(this.#module.startRun(name, flowId !== undefined, flowId ?? '', inputText, now))
  }

  /** A pass over the run: a PassDoor, or null if the run cannot be executed now. */
  beginPass(flowId, now) {
    const execution = unwrap(this.#module.beginExecution(flowId, now))
    return execution && new PassDoor(this.#module, flowId, execution)
  }

  signal(flowId, name, payloadText, optionsText, now) {
    return unwrap(this.#module.signal(flowId, name, payloadText, optionsText, now))
  }

  pendingWait(flowId) {
    return unwrap(this.#module.pendingWait(flowId))
  }

  cancel(flowId, reasonText, now) {
    return unwrap(this.#module.cancel(flowId, reasonText, now))
  }

  status(flowId) {
    return unwrap(this.#module.status(flowId))
  }

  history(flowId) {
    return unwrap(this.#module.history(flowId))
  }

  listFlows(filterText) {
    return unwrap(this.#module.listFlows(filterText))
  }

  tick(now) {
    return unwrap(this.#module.tick(now))
  }

  runnable(name) {
    return unwrap(this.#module.runnable(name))
  }

  // ---- plans ----

  planCreate(fieldsText, now) {
    return unwrap(this.#module.planCreate(fieldsText, now))
  }

  planUpdate(id, changesText, ifVersionText, now) {
    return unwrap(this.#module.planUpdate(id, changesText, ifVersionText, now))
  }

  planGet(id) {
    return unwrap(this.#module.planGet(id))
  }

  planList() {
    return unwrap(this.#module.planList())
  }

  planDelete(id) {
    unwrap(this.#module.planDelete(id))
  }
}

/** One pass of a body over its run: the calls its FlowContext makes. */
export class PassDoor {
  #engine

  constructor(engine, flowId, execution) {
    this.#engine = engine
    this.flowId = flowId
    this.execId = execution.execId
    this.name = execution.name
    this.input = execution.input
  }

  stepBegin(name, optionsText, now) {
    return unwrap(this.#engine.stepBegin(this.flowId, this.execId, name, optionsText, now))
  }

  stepComplete(key, resultText, now) {
    return unwrap(this.#engine.stepComplete(this.flowId, this.execId, key, resultText, now))
  }

  stepFail(key, errorText, now) {
    return unwrap(this.#engine.stepFail(this.flowId, this.execId, key, errorText, now))
  }

  /** Takes the suspend's place in call order: `{ wait: call }`. */
  suspend(name, schemaText, timeoutText) {
    return unwrap(this.#engine.suspend(this.flowId, this.execId, name, schemaText, timeoutText))
  }

  /** Takes the sleep's place in call order: `{ wait: call }`. */
  sleep(name, durationText) {
    return unwrap(this.#engine.sleep(this.flowId, this.execId, name, durationText))
  }

  wait(call, now) {
    return unwrap(this.#engine.wait(this.flowId, this.execId, call, now))
  }

  rejectSignal(key, failuresText, now) {
    return unwrap(this.#engine.rejectSignal(this.flowId, this.execId, key, failuresText, now))
  }

  complete(resultText, now) {
    return unwrap(this.#engine.complete(this.flowId, this.execId, resultText, now))
  }

  fail(errorText, now) {
    return unwrap(this.#engine.fail(this.flowId, this.execId, errorText, now))
  }

  end() {
    unwrap(this.#engine.endExecution(this.flowId, this.execId))
  }
}
