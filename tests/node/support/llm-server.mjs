// A local HTTP server for tests that answers like the OpenAI Chat Completions, OpenAI Responses
// and Anthropic Messages APIs: same paths under a prefix, same headers checked, same JSON bodies,
// SSE streams and error bodies. Tests queue what it should answer with `script()` and read what
// clients sent from `requests`. Wire formats live in ./llm-wire/, one file per API.
import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { ENDPOINTS_BY_PATH, endpointForPrefix, CHAT_COMPLETIONS, RESPONSES, MESSAGES } from './llm-wire/endpoints.mjs'
import { estimateTokens, splitBytes } from './llm-wire/sse.mjs'

export { splitBytes, splitIntoDeltas, estimateTokens } from './llm-wire/sse.mjs'

/**
 * @typedef {object} LlmServerOptions
 * @property {{ openai?: string|null, anthropic?: string|null }} [apiKeys] keys the server accepts
 *   (`Authorization: Bearer` for OpenAI, `x-api-key` for Anthropic); null accepts any key.
 *   Defaults: `test-openai-key` and `test-anthropic-key`.
 * @property {number} [splitEvery] write every SSE body in chunks of this many bytes (mid-event,
 *   mid-UTF-8 character), yielding to the event loop between chunks.
 * @property {number} [chunkDelayMs] pause between streamed chunks (default 0).
 * @property {(request: RecordedRequest) => ResponseDescriptor} [reply] what to answer when nothing
 *   is scripted; by default `{ text: defaultReplyText(last user message text) }`.
 * @property {() => number} [now] clock in epoch ms for `created` fields (default Date.now).
 */

/**
 * What to answer to one request. Fields combine: e.g. `{ text, splitEvery: 1 }`.
 * @typedef {object} ResponseDescriptor
 * @property {string} [text] the assistant's reply (default: derived from the last user message).
 * @property {string[]} [deltas] how a stream cuts the text (default: one delta per word).
 * @property {string} [finishReason] `stop` (default) or `length` in neutral terms, mapped to each
 *   API's word (`end_turn`/`max_tokens`, Responses `incomplete`); other values sent verbatim.
 * @property {{ inputTokens?: number, outputTokens?: number }} [usage] reported token counts
 *   (default: one token per started 4 characters of prompt / reply).
 * @property {string} [model] the model echoed back (default: the requested one).
 * @property {number} [status] HTTP status; >= 400 answers with the API's error body.
 * @property {string} [message] error message for a `status` >= 400.
 * @property {string} [type] error type (OpenAI `error.type`, Anthropic `error.type`).
 * @property {string|null} [code] OpenAI `error.code`.
 * @property {string|null} [param] OpenAI `error.param`.
 * @property {object|string} [body] send this body verbatim instead of a built one (JSON-encoded
 *   unless a string).
 * @property {Record<string,string>} [headers] extra response headers (e.g. `retry-after`).
 * @property {Array<Buffer|Uint8Array|string>} [streamChunks] send these bytes verbatim as the
 *   body, one write each, as `text/event-stream` (whether or not the request asked to stream).
 * @property {number} [chunkDelayMs] pause between chunks.
 * @property {number} [splitEvery] re-cut the streamed body into chunks of this many bytes.
 * @property {number} [hangAfterChunks] send this many chunks, then keep the connection open
 *   until the client goes away or the server closes (for abort and timeout tests). For a
 *   non-streaming request the headers are sent and the body never comes.
 * @property {number} [delayMs] wait this long before answering at all.
 * @property {{ afterDeltas?: number, status?: number, type?: string, message?: string, code?: string }} [midStreamError]
 *   stream the start and `afterDeltas` (default 1) content deltas, then the API's in-stream
 *   error event, then end the body. Defaults: OpenAI `server_error`, Anthropic `overloaded_error`.
 */

/**
 * One request as the server received it.
 * @typedef {object} RecordedRequest
 * @property {'openai'|'anthropic'|null} route which provider's paths it hit
 * @property {'chat.completions'|'responses'|'messages'|null} endpoint null for an unknown path
 * @property {string} method
 * @property {string} path path with query string
 * @property {Record<string,string|string[]>} headers lower-cased, as Node gives them
 * @property {any} body the parsed JSON body (undefined if it was not JSON)
 * @property {string} rawBody
 * @property {boolean} aborted true once the client closed the connection before the answer ended
 */

/**
 * What the wire-format builders get to produce one reply.
 * @typedef {object} ReplyContext
 * @property {string} id
 * @property {string} [itemId] Responses API message item id
 * @property {string} [requestId] Anthropic `request-id`
 * @property {number} created epoch seconds
 * @property {string} model
 * @property {string} text
 * @property {string[]} [deltas]
 * @property {string} [finishReason]
 * @property {number} inputTokens
 * @property {number} outputTokens
 * @property {boolean} includeUsage
 * @property {any} requestBody
 */

const ROUTES = ['openai', 'anthropic']
const DEFAULT_API_KEYS = { openai: 'test-openai-key', anthropic: 'test-anthropic-key' }

/**
 * The reply the server gives, unscripted, to a prompt.
 * @param {string} prompt text of the last user message
 */
export function defaultReplyText(prompt) {
  return `You said: ${prompt}`
}

/**
 * Starts the server on 127.0.0.1 on a free port.
 * @param {LlmServerOptions} [options]
 * @returns {Promise<{
 *   url: string, openaiBaseURL: string, anthropicBaseURL: string,
 *   requests: RecordedRequest[],
 *   apiKeys: { openai: string|null, anthropic: string|null },
 *   script: (route: 'openai'|'anthropic', ...responses: ResponseDescriptor[]) => void,
 *   pending: (route: 'openai'|'anthropic') => number,
 *   close: () => Promise<void>,
 * }>}
 */
export async function startLlmServer(options = {}) {
  const apiKeys = { ...DEFAULT_API_KEYS, ...options.apiKeys }
  const scripts = { openai: [], anthropic: [] }
  const requests = []
  let replies = 0

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      // A bug in this file, not a scripted failure: make it visible to the test.
      console.error('llm-server:', error)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(String(error?.stack ?? error))
    })
  })

  async function handle(req, res) {
    const rawBody = await readBody(req)
    const url = new URL(req.url, 'http://localhost')
    const endpoint = ENDPOINTS_BY_PATH.get(url.pathname)
    const record = {
      route: endpoint?.route ?? ROUTES.find((r) => url.pathname.startsWith(`/${r}/`)) ?? null,
      endpoint: endpoint?.name ?? null,
      method: req.method,
      path: req.url,
      headers: req.headers,
      body: parseJson(rawBody),
      rawBody,
      aborted: false,
    }
    requests.push(record)
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true
    })

    const api = endpoint ?? endpointForPrefix(url.pathname)
    const ids = api.newIds(++replies)
    const baseHeaders = { [api.requestIdHeader]: ids.requestId ?? `req_local${replies}` }
    if (!endpoint || req.method !== 'POST') {
      return sendJson(res, 404, api.notFound(req.method, url.pathname, ids.requestId), baseHeaders)
    }
    const rejected = endpoint.checkHeaders(req.headers, apiKeys, ids.requestId)
    if (rejected) return sendJson(res, rejected.status, rejected.body, baseHeaders)
    if (record.body === undefined) return sendJson(res, 400, endpoint.unparsableBody(ids.requestId), baseHeaders)
    const invalid = endpoint.validate(record.body, ids.requestId)
    if (invalid) return sendJson(res, 400, invalid, baseHeaders)

    const descriptor = scripts[endpoint.route].shift() ?? options.reply?.(record) ?? {}
    const headers = { ...baseHeaders, ...descriptor.headers }
    if (descriptor.delayMs) await sleep(descriptor.delayMs)
    const writing = {
      chunkDelayMs: descriptor.chunkDelayMs ?? options.chunkDelayMs ?? 0,
      splitEvery: descriptor.splitEvery ?? options.splitEvery,
      hangAfterChunks: descriptor.hangAfterChunks,
    }
    const status = descriptor.status ?? 200

    if (descriptor.streamChunks) {
      res.writeHead(status, { ...SSE_HEADERS, ...headers })
      return writeChunks(res, descriptor.streamChunks, writing)
    }
    if (descriptor.body !== undefined) return sendJson(res, status, descriptor.body, headers)
    if (status >= 400) {
      const { message, type, code, param } = descriptor
      return sendJson(res, status, endpoint.errorBody(status, { message, type, code, param }, ids.requestId), headers)
    }

    const reply = replyContext(endpoint, record.body, descriptor, ids, options.now ?? Date.now)
    if (record.body.stream === true) {
      res.writeHead(status, { ...SSE_HEADERS, ...headers })
      return writeChunks(res, streamEvents(endpoint, reply, descriptor.midStreamError), writing)
    }
    if (descriptor.hangAfterChunks !== undefined) {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.flushHeaders()
      return
    }
    return sendJson(res, status, endpoint.response(reply), headers)
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const url = `http://127.0.0.1:${server.address().port}`

  return {
    url,
    openaiBaseURL: `${url}/openai/v1`,
    anthropicBaseURL: `${url}/anthropic/v1`,
    requests,
    apiKeys,
    /**
     * Queues answers for the next requests to `route` ('openai' serves both OpenAI endpoints).
     * Requests rejected for their headers or body do not use up a scripted answer.
     */
    script(route, ...responses) {
      if (!ROUTES.includes(route)) throw new TypeError(`script: route must be 'openai' or 'anthropic', got ${JSON.stringify(route)}`)
      scripts[route].push(...responses)
    },
    /** How many scripted answers for `route` have not been used yet. */
    pending(route) {
      return scripts[route].length
    },
    /** Drops every connection (including hanging ones) and stops listening. */
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }

function replyContext(endpoint, body, descriptor, ids, now) {
  const text = descriptor.text ?? defaultReplyText(endpoint.promptText(body))
  return {
    ...ids,
    created: Math.floor(now() / 1000),
    model: descriptor.model ?? body.model,
    text,
    deltas: descriptor.deltas,
    finishReason: descriptor.finishReason,
    inputTokens: descriptor.usage?.inputTokens ?? estimateTokens(endpoint.allText(body)),
    outputTokens: descriptor.usage?.outputTokens ?? estimateTokens(text),
    includeUsage: endpoint.includeUsage(body),
    requestBody: body,
  }
}

/** The SSE events of a reply; with `midStreamError`, cut after some deltas and ended by an error event. */
function streamEvents(endpoint, reply, midStreamError) {
  const { head, deltas, tail } = endpoint.streamEvents(reply)
  if (!midStreamError) return [...head, ...deltas, ...tail]
  const sent = [...head, ...deltas.slice(0, midStreamError.afterDeltas ?? 1)]
  return [...sent, endpoint.streamErrorEvent(midStreamError, sent.length)]
}

async function writeChunks(res, chunks, { chunkDelayMs, splitEvery, hangAfterChunks }) {
  let buffers = chunks.map((chunk) => Buffer.from(chunk))
  if (splitEvery) buffers = splitBytes(Buffer.concat(buffers), splitEvery)
  const count = Math.min(hangAfterChunks ?? buffers.length, buffers.length)
  for (let i = 0; i < count; i++) {
    if (res.destroyed) return
    await new Promise((resolve) => res.write(buffers[i], resolve))
    // Yield between writes so each goes out as its own TCP segment and the client reads it alone.
    if (i < count - 1) await sleep(chunkDelayMs)
  }
  // Hanging: the connection stays open until the client aborts or close() drops it.
  if (hangAfterChunks === undefined) res.end()
}

function sendJson(res, status, body, headers) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(text)
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const parts = []
    req.on('data', (part) => parts.push(part))
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')))
    req.on('error', reject)
  })
}

function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The exact SSE bytes the server streams for `text` on an endpoint, so a test can cut them
 * wherever it likes and send them back with `{ streamChunks }`.
 * @param {'chat.completions'|'responses'|'messages'} endpointName
 * @param {string} text
 * @param {{ id?: string, model?: string, created?: number, deltas?: string[], finishReason?: string,
 *   inputTokens?: number, outputTokens?: number, includeUsage?: boolean, requestBody?: object }} [fields]
 * @returns {Buffer}
 */
export function streamBytes(endpointName, text, fields = {}) {
  const endpoint = { 'chat.completions': CHAT_COMPLETIONS, responses: RESPONSES, messages: MESSAGES }[endpointName]
  if (!endpoint) throw new TypeError(`streamBytes: unknown endpoint ${JSON.stringify(endpointName)}`)
  const reply = {
    ...endpoint.newIds(0),
    created: 1700000000,
    model: 'test-model',
    inputTokens: 1,
    outputTokens: estimateTokens(text),
    includeUsage: true,
    requestBody: {},
    ...fields,
    text,
  }
  const { head, deltas, tail } = endpoint.streamEvents(reply)
  return Buffer.from([...head, ...deltas, ...tail].join(''), 'utf8')
}
