// Shared helpers of the node tests of @crux/core: bounded polling, a manual clock, unique
// instance names, assertions on CruxError codes, and IndexedDB writes refused as by a full quota.
import assert from 'node:assert/strict'
import { CruxError } from '@crux/core'

/**
 * Polls `predicate` (sync or async) until it returns a truthy value, which is returned.
 * Fails after `timeout` ms with `message` and the last value seen.
 */
export async function until(predicate, { timeout = 5000, interval = 5, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout
  let last
  for (;;) {
    last = await predicate()
    if (last) return last
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeout} ms waiting for ${message} (last value: ${safeString(last)})`)
    }
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}

/** Polls the run's status until it is `status` (and, if given, waits for `waitingFor`). */
export async function untilStatus(handle, status, waitingFor) {
  return until(
    async () => {
      const s = await handle.status()
      return s.status === status && (waitingFor === undefined || s.waitingFor === waitingFor) ? s : false
    },
    { message: `flow ${handle.flowId} to be ${status}${waitingFor ? ` waiting for ${waitingFor}` : ''}` },
  )
}

/** A manual clock: `now()` reads it, `advance(ms)` moves it forward. */
export function manualClock(start = Date.UTC(2030, 0, 1)) {
  let t = start
  return {
    now: () => t,
    advance(ms) {
      t += ms
      return t
    },
    set(value) {
      t = value
    },
  }
}

/**
 * A clock that moves 1 ms forward at every reading: plans created one after the other get
 * distinct createdAt, so "oldest first" is their creation order (ties are ordered by id).
 */
export function tickingClock(start = Date.UTC(2030, 0, 1)) {
  let t = start
  return () => t++
}

let counter = 0
/** A database name no other test uses. */
export function uniqueName(prefix = 'test') {
  counter += 1
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`
}

/**
 * Asserts that `promiseOrFn` (a promise, or a function called and awaited) fails with a
 * CruxError of `code` and class `ErrorClass`; returns the error for further checks.
 */
export async function rejectsWith(promiseOrFn, code, ErrorClass) {
  let error
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn)
  } catch (caught) {
    error = caught
  }
  assert.ok(error !== undefined, `expected a ${code} error, but the call succeeded`)
  assert.ok(error instanceof CruxError, `expected a CruxError, got ${safeString(error)}`)
  assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`)
  if (ErrorClass) assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error.name}`)
  return error
}

/** Gives pending promise callbacks and zero-delay timers a chance to run. */
export function settle(ms = 20) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A counter of calls keyed by name. */
export function callCounter() {
  const counts = new Map()
  return {
    hit(key) {
      counts.set(key, (counts.get(key) ?? 0) + 1)
    },
    get(key) {
      return counts.get(key) ?? 0
    },
    reset() {
      counts.clear()
    },
  }
}

/** The `type`s of a flow's history, in order. */
export async function historyTypes(handle) {
  return (await handle.history()).map((event) => event.type)
}

function safeString(value) {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * Awaits `promise`, failing with `what` if it has not settled after `ms` ms. A run that never
 * finishes then fails its own test (instead of leaving the event loop empty, which makes
 * node:test cancel every test after it).
 */
export async function within(promise, what, ms = 4000) {
  let timer
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new assert.AssertionError({ message: `${what}: not settled after ${ms} ms` })), ms)
  })
  try {
    return await Promise.race([promise, expired])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Runs `fn` with the wall clock (Date.now, which Emscripten's file system uses for file
 * modification times) frozen at one millisecond; restores it afterwards. Injected Crux clocks
 * are not affected.
 */
export async function withFrozenWallClock(fn) {
  const original = Date.now
  const frozen = original()
  Date.now = () => frozen
  try {
    return await fn()
  } finally {
    Date.now = original
  }
}

/** `handle.result()`, bounded by `within` so that a run that never ends fails its test. */
export function resultOf(handle, ms = 4000) {
  return within(handle.result(), `result() of flow run ${handle.flowId}`, ms)
}

/**
 * Makes every IndexedDB write transaction abort at its first put, as a full quota aborts it at
 * commit time (fake-indexeddb has no quota), until the returned function is called.
 */
export function refuseWrites() {
  const put = IDBObjectStore.prototype.put
  IDBObjectStore.prototype.put = function (...args) {
    const request = put.apply(this, args)
    this.transaction.abort()
    return request
  }
  return () => {
    IDBObjectStore.prototype.put = put
  }
}
