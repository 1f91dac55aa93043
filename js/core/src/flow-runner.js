// Runs flow bodies. The engine decides everything (what a call replays, what it records,
// when a wait is over); this file only awaits the user's functions and commits.

import {
  InvalidArgumentError,
  NotSerializableError,
  SignalInvalidError,
  StorageUnavailableError,
  SuspendTimeoutError,
  errorFromRecord,
} from './errors.js'
import { options, text } from './engine-call.js'
import { toJsonText } from './json.js'
import { checkStandard, describeSchema } from './schema.js'

/** A promise that never settles: what a parked body awaits, so no try/catch can swallow it. */
const parkedForever = () => new Promise(() => {})

/** The `flow` object a body receives for one pass over its run. */
export class FlowContext {
  #runner
  #execId
  #park
  #interrupt

  constructor(runner, flowId, execution, park, interrupt) {
    this.#runner = runner
    this.#execId = execution.execId
    this.#park = park
    this.#interrupt = interrupt
    this.flowId = flowId
    this.input = execution.input
    Object.freeze(this)
  }

  /** Runs `fn` once and records its result; on replay, resolves to the recorded result. */
  async step(name, fn, options) {
    text(name, 'step name')
    if (typeof fn !== 'function') throw new InvalidArgumentError(`step "${name}" needs a function, got ${typeof fn}`)
    const optionsText = options === undefined ? '' : toJsonText(options, `options of step "${name}"`)
    let attempt = this.#call('stepBegin', name, optionsText)
    for (;;) {
      if (attempt.replay) return attempt.result
      if (attempt.failed) throw errorFromRecord(attempt.failed)
      if (attempt.notBefore !== undefined) await this.#runner.delayUntil(attempt.notBefore)
      let resultText
      try {
        resultText = toJsonText(await fn(), `result of step "${attempt.key}"`)
      } catch (error) {
        if (error instanceof NotSerializableError) throw error
        const failure = await this.#record('stepFail', attempt.key, errorText(error))
        if (failure.final) throw error
        attempt = { key: attempt.key, notBefore: failure.retryAt }
        continue
      }
      await this.#record('stepComplete', attempt.key, resultText ?? '')
      return resultText === undefined ? undefined : JSON.parse(resultText)
    }
  }

  /** Waits for a signal named `name`: the run is released until it arrives or times out. */
  async suspend(name, suspendOptions) {
    text(name, 'suspend name')
    const { schema, timeout } = options(suspendOptions, 'suspend options')
    const { jsonSchema, standard } = describeSchema(schema)
    const schemaText = jsonSchema === undefined ? '' : toJsonText(jsonSchema, `schema of suspend "${name}"`)
    const timeoutText = timeout === undefined ? '' : toJsonText(timeout, `timeout of suspend "${name}"`)
    let wait = await this.#record('suspend', name, schemaText, timeoutText)
    // A payload the Standard Schema rejects never fails the run: the engine records the rejection
    // and arms the wait again (the next buffered signal, the deadline, or waiting).
    while (wait.state === 'resolved' && standard) {
      const checked = await checkStandard(standard, wait.payload)
      if (!checked.issues) return checked.value
      wait = await this.#record('rejectSignal', wait.key, JSON.stringify(checked.issues))
    }
    switch (wait.state) {
      case 'resolved':
        return wait.payload
      case 'timed-out':
        throw new SuspendTimeoutError(`suspend "${name}" timed out before a signal arrived`)
      case 'rejected': {
        const list = wait.failures.map((f) => `${f.path || '/'}: ${f.message}`).join('; ')
        throw new SignalInvalidError(`signal "${name}" does not match the schema: ${list}`, { details: wait.failures })
      }
      default:
        this.#runner.rememberWait(this.flowId, wait.key, name, standard)
        this.#park()
        return parkedForever()
    }
  }

  /** A durable timer: the run is released until `duration` has passed. */
  async sleep(name, duration) {
    text(name, 'sleep name')
    const durationText = toJsonText(duration, `duration of sleep "${name}"`) ?? ''
    const wait = await this.#record('sleep', name, durationText)
    if (wait.state === 'done') return
    this.#park()
    return parkedForever()
  }

  #call(method, ...args) {
    return this.#runner.call(method, this.flowId, this.#execId, ...args, this.#runner.now())
  }

  /**
   * An engine call that records, made in the next transaction. If storage fails, the pass stops
   * here as if the page had closed: nothing more of it is recorded, and the run resumes later.
   */
  async #record(method, ...args) {
    try {
      return await this.#runner.write(() => this.#call(method, ...args))
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error
      this.#interrupt()
      return parkedForever()
    }
  }
}

/** Longest error message the journal keeps (the rest is cut), far below the payload limit. */
const MAX_ERROR_MESSAGE = 64 * 1024

/** A thrown value as the JSON the journal records: `{ name, message, code?, details? }`. */
export function errorText(error) {
  const record = { name: 'Error', message: safeString(error) }
  if (error !== null && typeof error === 'object') {
    if (typeof error.name === 'string') record.name = error.name
    if (typeof error.message === 'string') record.message = error.message
    if (typeof error.code === 'string') record.code = error.code
    if (error.details !== undefined) {
      try {
        record.details = JSON.parse(toJsonText(error.details, 'error details') ?? 'null')
      } catch {
        // details that are not JSON are left out rather than lose the error itself
      }
    }
  }
  if (record.message.length > MAX_ERROR_MESSAGE) record.message = `${record.message.slice(0, MAX_ERROR_MESSAGE)}…`
  return JSON.stringify(record)
}

/** String(value), which throws for objects without a prototype. */
function safeString(value) {
  try {
    return String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}

/**
 * One pass of a body over its run, until it returns, throws, parks on a wait, or is interrupted
 * by a storage failure. Resolves to 'finished', 'parked' or 'interrupted'; never rejects.
 */
export async function runPass(runner, flowId, execution, body) {
  let stop
  const stopped = new Promise((resolve) => {
    stop = resolve
  })
  const park = () => stop({ stopped: 'parked' })
  const interrupt = () => stop({ stopped: 'interrupted' })
  const context = new FlowContext(runner, flowId, execution, park, interrupt)
  const finished = Promise.resolve()
    .then(() => body(context))
    .then(
      (value) => ({ value }),
      (error) => ({ error }),
    )
  const outcome = await Promise.race([finished, stopped])
  if (outcome.stopped) return outcome.stopped
  let failure = 'error' in outcome ? outcome.error : undefined
  let resultText
  if (failure === undefined) {
    try {
      resultText = toJsonText(outcome.value, `result of flow "${execution.name}"`) ?? ''
    } catch (error) {
      failure = error
    }
  }
  try {
    await runner.write(() => {
      if (failure === undefined && 'value' in outcome) {
        try {
          return runner.call('complete', flowId, execution.execId, resultText, runner.now())
        } catch (error) {
          failure = error
        }
      }
      return runner.call('fail', flowId, execution.execId, errorText(failure), runner.now())
    })
  } catch (error) {
    if (error instanceof StorageUnavailableError) return 'interrupted'
    throw error
  }
  return 'finished'
}
