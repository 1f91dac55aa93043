// generate(): JS sends what the engine builds and hands the reply bytes back. The engine owns
// the prompt, the wire format, the error mapping and the retry decisions.

import { GenerateFailedError, InvalidArgumentError } from '@crux/core'
import { engineLimits, options as optionsOf, toJsonText, unwrap } from '@crux/core/internal'
import { abortError, sleep, throwIfAborted } from './abort.js'
import { generateWithAiSdk, isAiSdkModel } from './ai-sdk.js'
import { engineModule } from './engine.js'
import { privatePartsOf } from './model.js'
import { redact } from './redact.js'

/** Options that JS handles itself; the rest are the engine's to check. */
const JS_OPTIONS = new Set(['model', 'onToken', 'signal', 'crux'])

/**
 * Calls a model with a prompt template (filled from `input`) or a message array.
 * @param {string | Array<{ role: 'system' | 'user' | 'assistant', content: string }>} prompt
 * @param {import('./index.d.ts').GenerateOptions} options
 * @returns {Promise<import('./index.d.ts').GenerateResult>}
 */
export async function generate(prompt, options) {
  const settings = optionsOf(options, 'generate options')
  const { model, onToken, signal, crux } = settings
  if (onToken !== undefined && typeof onToken !== 'function') throw new InvalidArgumentError('onToken must be a function')
  if (signal !== undefined && !isAbortSignal(signal)) throw new InvalidArgumentError('signal must be an AbortSignal')
  if ('stream' in settings) throw new InvalidArgumentError('generate has no stream option: it streams when given onToken')
  throwIfAborted(signal)
  const engine = await engineModule() // loaded before the input is read: its limits apply to it
  if (isAiSdkModel(model)) return generateWithAiSdk(model, prompt, { ...settings, input: undefinedAsNull(settings.input) })
  const parts = privatePartsOf(model)
  if (!parts) {
    throw new InvalidArgumentError('generate needs a model: openai(…), anthropic(…) or offline() from @crux/ai, or an AI SDK language model')
  }
  const spec = { provider: model.provider, model: model.modelId, baseURL: model.baseURL, prompt, stream: onToken !== undefined }
  for (const [key, value] of Object.entries(settings)) {
    if (!JS_OPTIONS.has(key)) spec[key] = key === 'input' ? undefinedAsNull(value) : value
  }
  let generation
  try {
    generation = new Generation(engine, toJsonText(spec, 'generate options'))
    const { offline } = generation
    if (offline) return await streamOffline(generation, parts.delayMs, onToken, signal)
    const fetcher = parts.fetch ?? crux?.fetch ?? globalThis.fetch
    if (typeof fetcher !== 'function') throw new InvalidArgumentError('no fetch: give the model or createCrux a fetch function')
    return await withRetries(generation, (request) => attempt(generation, request, { parts, fetcher, onToken, signal }), signal)
  } catch (error) {
    throw redact(error, parts.apiKey)
  } finally {
    generation?.end()
  }
}

/**
 * One generate call's generation in @crux/ai's module, named there by an id from start to end
 * (bindings/generation_binding.cpp): the module's functions with that id given.
 */
class Generation {
  #engine
  #id

  /** @param {import('./engine.d.ts').AiModule} engine */
  constructor(engine, specText) {
    const { id, offline } = unwrap(engine.startGeneration(specText))
    this.#engine = engine
    this.#id = id
    this.offline = offline
  }

  end() {
    this.#engine.endGeneration(this.#id)
  }

  offlineReply() {
    return this.#engine.offlineReply(this.#id)
  }

  beginAttempt() {
    return this.#engine.beginAttempt(this.#id)
  }

  readBody(body) {
    return this.#engine.readBody(this.#id, body)
  }

  readChunk(bytes) {
    return this.#engine.readChunk(this.#id, bytes)
  }

  endStream() {
    return this.#engine.endStream(this.#id)
  }

  httpError(status, headers, body, now) {
    return this.#engine.httpError(this.#id, status, headers, body, now)
  }

  networkError(message) {
    return this.#engine.networkError(this.#id, message)
  }

  retryDelay(random01) {
    return this.#engine.retryDelay(this.#id, random01)
  }
}

async function withRetries(generation, send, signal) {
  for (;;) {
    const request = unwrap(generation.beginAttempt())
    let failure
    try {
      return await send(request)
    } catch (error) {
      if (signal?.aborted) throw abortError(signal)
      if (!(error instanceof GenerateFailedError)) throw error
      failure = error
    }
    const delay = generation.retryDelay(Math.random())
    if (delay < 0) throw failure
    await sleep(delay, signal)
  }
}

async function attempt(generation, request, { parts, fetcher, onToken, signal }) {
  const headers = { ...request.headers, ...parts.headers }
  if (parts.apiKey) headers[request.auth.header] = request.auth.prefix + parts.apiKey
  const io = (step) => networkStep(generation, signal, step)
  const response = await io(() => fetcher(request.url, { method: request.method, headers, body: request.body, signal }))
  if (!response.ok) {
    const body = await response.text().catch(() => '')
    unwrap(generation.httpError(response.status, JSON.stringify(headerObject(response.headers)), body, Date.now()))
  }
  if (!onToken) return unwrap(generation.readBody(await io(() => response.text())))
  if (!response.body) {
    // A fetch (a user's own, a polyfill) that gives no stream: the whole body is one chunk.
    for (const delta of unwrap(generation.readChunk(await io(() => response.text())))) onToken(delta)
    return unwrap(generation.endStream())
  }
  const reader = response.body.getReader()
  try {
    for (;;) {
      const { done, value } = await io(() => reader.read())
      if (done) return unwrap(generation.endStream())
      for (const delta of unwrap(generation.readChunk(value))) onToken(delta)
    }
  } finally {
    reader.cancel().catch(() => {})
  }
}

/** One network step of an attempt: an abort rejects with an AbortError, any other failure is the engine's network error. */
async function networkStep(generation, signal, step) {
  try {
    return await step()
  } catch (error) {
    if (signal?.aborted) throw abortError(signal)
    unwrap(generation.networkError(describe(error)))
  }
}

async function streamOffline(generation, delayMs, onToken, signal) {
  const { completion, tokens } = unwrap(generation.offlineReply())
  if (onToken) {
    for (const token of tokens) {
      if (delayMs > 0) await sleep(delayMs, signal)
      throwIfAborted(signal)
      onToken(token)
    }
  }
  return completion
}

/**
 * `input` as JSON would lose `undefined` members; a template still sees them, as empty. Deeper
 * than the engine's depth limit the value is left as it is, and toJsonText refuses it.
 */
function undefinedAsNull(value, depth = 0) {
  if (depth > engineLimits().maxJsonDepth || value === null || typeof value !== 'object' || Array.isArray(value)) return value
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value
  const copy = {}
  for (const [key, member] of Object.entries(value)) copy[key] = member === undefined ? null : undefinedAsNull(member, depth + 1)
  return copy
}

function headerObject(headers) {
  const out = {}
  headers?.forEach?.((value, name) => {
    out[name.toLowerCase()] = value
  })
  return out
}

function describe(error) {
  const cause = error?.cause?.code ?? error?.cause?.message
  return `${error?.message ?? String(error)}${cause ? ` (${cause})` : ''}`
}

function isAbortSignal(value) {
  return value !== null && typeof value === 'object' && typeof value.aborted === 'boolean' && typeof value.addEventListener === 'function'
}
