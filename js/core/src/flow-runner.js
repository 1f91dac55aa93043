// Runs flow bodies. The engine decides everything (what a call replays, what it records,
// when a wait is over); this file only awaits the user's functions and commits.

import {
  EngineUnavailableError,
  InvalidArgumentError,
  NotSerializableError,
  SignalInvalidError,
  StorageUnavailableError,
  SuspendTimeoutError,
  errorFromRecord,
} from './errors.js'
import { options, text } from './engine-call.js'
import { isRevokedProxy, toJsonText } from './json.js'
import { checkStandard, describeSchema } from './schema.js'

/** A promise that never settles: what a parked body awaits, so no try/catch can swallow it. */
const parkedForever = () => new Promise(() => {})

/** The `flow` object a body receives for one pass over its run. */
export class FlowContext {
  #runner
  /** @type {import('./engine-door.js').PassDoor} */
  #pass
  #park
  #interrupt
  #running = new RunningAttempts()

  /**
   * @param {{ now(): number, write<T>(apply: () => T, runs: string[]): Promise<T>, delayUntil(deadline: number): Promise<void>,
   *           rememberWait(flowId: string, key: string, name: string, standard: unknown): void }} runner
   * @param {import('./engine-door.js').PassDoor} pass
   */
  constructor(runner, pass, park, interrupt) {
    this.#runner = runner
    this.#pass = pass
    this.#park = park
    this.#interrupt = interrupt
    this.flowId = pass.flowId
    this.input = pass.input
    Object.freeze(this)
  }

  /** Runs `fn` once and records its result; on replay, resolves to the recorded result. */
  async step(name, fn, options) {
    text(name, 'step name')
    if (typeof fn !== 'function') throw new InvalidArgumentError(`step "${name}" needs a function, got ${typeof fn}`)
    const optionsText = options === undefined ? '' : toJsonText(options, `options of step "${name}"`)
    let attempt = this.#pass.stepBegin(name, optionsText, this.#runner.now())
    for (;;) {
      if (attempt.replay) return attempt.result
      if (attempt.failed) throw errorFromRecord(attempt.failed)
      if (attempt.parked) return parkedForever()
      if (attempt.notBefore !== undefined) await this.#runner.delayUntil(attempt.notBefore)
      const outcome = await this.#running.track(this.#attempt(name, attempt.key, fn))
      if ('value' in outcome) return outcome.value
      if (outcome.failure.final) throw outcome.error
      attempt = outcome.failure.parked ? { parked: true } : { key: attempt.key, notBefore: outcome.failure.retryAt }
    }
  }

  /** One attempt at a step: runs `fn` and records its result, or its error. */
  async #attempt(name, key, fn) {
    let resultText
    try {
      let value = fn()
      if (!isRevokedProxy(value)) value = await value // awaiting a revoked Proxy throws a TypeError; toJsonText names it
      resultText = toJsonText(value, `result of step "${name}"`)
    } catch (error) {
      if (error instanceof NotSerializableError) throw error
      const recorded = errorText(error)
      return { error, failure: await this.#record((pass, now) => pass.stepFail(key, recorded, now)) }
    }
    await this.#record((pass, now) => pass.stepComplete(key, resultText ?? '', now))
    return { value: resultText === undefined ? undefined : JSON.parse(resultText) }
  }

  /** Resolves once no step attempt of this pass is running (a parked pass ends then). */
  settled() {
    return this.#running.settled()
  }

  /** Waits for a signal named `name`: the run is released until it arrives or times out. */
  async suspend(name, suspendOptions) {
    text(name, 'suspend name')
    const { schema, timeout } = options(suspendOptions, 'suspend options')
    const { jsonSchema, standard } = describeSchema(schema)
    const schemaText = jsonSchema === undefined ? '' : toJsonText(jsonSchema, `schema of suspend "${name}"`)
    const timeoutText = timeout === undefined ? '' : toJsonText(timeout, `timeout of suspend "${name}"`)
    // The wait takes its place in call order when the body makes the call (before anything
    // awaits), so that calls running beside it keep the order the body gave them on every pass.
    const { wait: call } = this.#pass.suspend(name, schemaText, timeoutText)
    // A wait that parks remembers its Standard Schema in the same batch, so that a signal sent
    // as soon as the run shows as suspended is checked against it at send time.
    const parkOn = (answer) => {
      if (answer.state === 'waiting' && answer.key !== undefined) this.#runner.rememberWait(this.flowId, answer.key, name, standard)
      return answer
    }
    let wait = await this.#record((pass, now) => parkOn(pass.wait(call, now)))
    // A payload the Standard Schema rejects never fails the run: the engine records the rejection
    // and arms the wait again (the next buffered signal, the deadline, or waiting).
    while (wait.state === 'resolved' && standard) {
      const checked = await checkStandard(standard, wait.payload)
      if (!checked.issues) return checked.value
      const key = wait.key
      const issues = JSON.stringify(checked.issues)
      wait = await this.#record((pass, now) => parkOn(pass.rejectSignal(key, issues, now)))
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
        this.#park()
        return parkedForever()
    }
  }

  /** A durable timer: the run is released until `duration` has passed. */
  async sleep(name, duration) {
    text(name, 'sleep name')
    const durationText = toJsonText(duration, `duration of sleep "${name}"`) ?? ''
    const { wait: call } = this.#pass.sleep(name, durationText)
    const wait = await this.#record((pass, now) => pass.wait(call, now))
    if (wait.state !== 'waiting') return
    this.#park()
    return parkedForever()
  }

  /**
   * An engine call that records, made in the next transaction. If storage fails, or the call needs
   * the validator (crux-schema.wasm) and it cannot be loaded, the pass stops here as if the page
   * had closed: nothing more of it is recorded, and the run resumes later.
   */
  async #record(call) {
    try {
      return await this.#runner.write(() => call(this.#pass, this.#runner.now()), [this.flowId])
    } catch (error) {
      if (!(error instanceof StorageUnavailableError || error instanceof EngineUnavailableError)) throw error
      if (error instanceof EngineUnavailableError) console.warn(`[crux] flow run ${this.flowId} stopped, to go on later: ${error.message}`)
      this.#interrupt()
      return parkedForever()
    }
  }
}

/** The step attempts of a pass that are running: a parked pass waits for them to be recorded. */
class RunningAttempts {
  #attempts = new Set()

  /** @template T @param {Promise<T>} attempt @returns {Promise<T>} */
  track(attempt) {
    this.#attempts.add(attempt)
    const forget = () => this.#attempts.delete(attempt)
    attempt.then(forget, forget)
    return attempt
  }

  async settled() {
    while (this.#attempts.size > 0) await Promise.allSettled([...this.#attempts])
  }
}

/**
 * A thrown value as the JSON the journal records: `{ name, message, code?, details? }`. The
 * engine cuts an error too large to record (and says so in it). Lone surrogates in the texts
 * become U+FFFD: an error is recorded whatever its text, unlike the values a body passes on.
 */
export function errorText(error) {
  const record = { name: 'Error', message: safeString(error) }
  if (error !== null && typeof error === 'object') {
    for (const key of ['name', 'message', 'code']) {
      const value = safeGet(error, key)
      if (typeof value === 'string') record[key] = value
    }
    const details = safeGet(error, 'details')
    if (details !== undefined) {
      try {
        record.details = JSON.parse(toJsonText(details, 'error details') ?? 'null')
      } catch {
        // details that are not JSON are left out rather than lose the error itself
      }
    }
  }
  for (const key of ['name', 'message', 'code']) {
    if (typeof record[key] === 'string') record[key] = record[key].toWellFormed()
  }
  return JSON.stringify(record)
}

/** String(value), which throws for objects without a prototype and for revoked proxies. */
function safeString(value) {
  try {
    return String(value)
  } catch {
    try {
      return Object.prototype.toString.call(value)
    } catch {
      return 'a value that cannot be shown (a revoked Proxy?)'
    }
  }
}

/** value[key], or undefined where reading it throws (a revoked Proxy, a throwing getter). */
function safeGet(value, key) {
  try {
    return value[key]
  } catch {
    return undefined
  }
}

/**
 * One pass of a body over its run, until it returns, throws, parks on a wait, or is interrupted
 * by a storage failure. Resolves to 'finished', 'parked' or 'interrupted'; never rejects.
 */
export async function runPass(runner, pass, body) {
  let park, interrupt
  const parked = new Promise((resolve) => {
    park = () => resolve({ stopped: 'parked' })
  })
  const interrupted = new Promise((resolve) => {
    interrupt = () => resolve({ stopped: 'interrupted' })
  })
  const context = new FlowContext(runner, pass, park, interrupt)
  const finished = Promise.resolve()
    .then(() => body(context))
    .then(
      (value) => ({ value }),
      (error) => ({ error }),
    )
  const outcome = await Promise.race([finished, parked, interrupted])
  if (outcome.stopped === 'parked') {
    // Steps running beside the wait are recorded before the pass ends, so they run once.
    const drained = await Promise.race([context.settled().then(() => ({ stopped: 'parked' })), interrupted])
    return drained.stopped
  }
  if (outcome.stopped) return outcome.stopped
  let failure = 'error' in outcome ? outcome.error : undefined
  let resultText
  if (failure === undefined) {
    try {
      resultText = toJsonText(outcome.value, `result of flow "${pass.name}"`) ?? ''
    } catch (error) {
      failure = error
    }
  }
  try {
    await runner.write(() => {
      if (failure === undefined && 'value' in outcome) {
        try {
          return pass.complete(resultText, runner.now())
        } catch (error) {
          failure = error
        }
      }
      return pass.fail(errorText(failure), runner.now())
    }, [pass.flowId])
  } catch (error) {
    if (error instanceof StorageUnavailableError) return 'interrupted'
    throw error
  }
  return 'finished'
}
