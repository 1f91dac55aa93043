// Anthropic Messages (`POST /v1/messages`): header and body checks, the `message` object, the
// named-event SSE stream (message_start, content_block_start, ping, content_block_delta…,
// content_block_stop, message_delta, message_stop) and the `{ type: 'error', error }` body.
import { sseEvent, splitIntoDeltas, contentText } from './sse.mjs'

/** Anthropic's error `type` for each status it documents. */
const ANTHROPIC_ERROR_TYPES = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  402: ['billing_error', 'Your credit balance is too low to access the Anthropic API.'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of requests has exceeded your rate limit.'],
  500: ['api_error', 'Internal server error'],
  504: ['timeout_error', 'Request timed out.'],
  529: ['overloaded_error', 'Overloaded'],
}

/**
 * Anthropic's error body `{ type: 'error', error: { type, message }, request_id }`.
 * @param {number} status
 * @param {{ message?: string, type?: string }} [fields]
 * @param {string} [requestId]
 */
export function anthropicErrorBody(status, fields = {}, requestId) {
  const [type, message] = ANTHROPIC_ERROR_TYPES[status] ?? (status >= 500 ? ANTHROPIC_ERROR_TYPES[500] : ANTHROPIC_ERROR_TYPES[400])
  return {
    type: 'error',
    error: { type: fields.type ?? type, message: fields.message ?? message },
    ...(requestId ? { request_id: requestId } : {}),
  }
}

/**
 * Checks `x-api-key` (null `expectedKey` accepts any) and that `anthropic-version` is sent.
 * @returns {null | { status: number, body: object }}
 */
export function checkAnthropicHeaders(headers, expectedKey, requestId) {
  const key = headers['x-api-key']
  if (!key) return { status: 401, body: anthropicErrorBody(401, { message: 'x-api-key header is required' }, requestId) }
  if (expectedKey != null && key !== expectedKey) return { status: 401, body: anthropicErrorBody(401, {}, requestId) }
  if (!headers['anthropic-version']) {
    return { status: 400, body: anthropicErrorBody(400, { message: 'anthropic-version: header is required' }, requestId) }
  }
  return null
}

/**
 * The 400 body the API gives for this request body, or null when it is acceptable.
 * @param {any} body
 */
export function validateMessagesRequest(body, requestId) {
  const invalid = (message) => anthropicErrorBody(400, { message }, requestId)
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return invalid('Input should be a valid dictionary')
  for (const field of ['model', 'max_tokens', 'messages']) {
    if (body[field] === undefined) return invalid(`${field}: Field required`)
  }
  if (!Number.isInteger(body.max_tokens)) return invalid('max_tokens: Input should be a valid integer')
  if (body.max_tokens < 1) return invalid('max_tokens: Input should be greater than or equal to 1')
  if (!Array.isArray(body.messages)) return invalid('messages: Input should be a valid list')
  if (body.messages.length === 0) return invalid('messages: at least one message is required')
  for (const [index, message] of body.messages.entries()) {
    if (message?.role === 'system') {
      return invalid(
        'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
      )
    }
    if (message?.role !== 'user' && message?.role !== 'assistant') {
      return invalid(`messages.${index}.role: Input should be 'user' or 'assistant'`)
    }
    if (message.content === undefined) return invalid(`messages.${index}.content: Field required`)
  }
  return null
}

/** Text of the last `user` message (what the default reply is derived from). */
export function messagesPromptText(body) {
  return contentText(body.messages.findLast((m) => m.role === 'user')?.content)
}

/** Text of the system prompt and every message, for the prompt token estimate. */
export function messagesAllText(body) {
  return [contentText(body.system ?? ''), ...body.messages.map((m) => contentText(m.content))].join('\n')
}

/** `stop` and `length` (the neutral names) become Anthropic's; anything else passes verbatim. */
function stopReason(finishReason) {
  if (finishReason === undefined || finishReason === 'stop') return 'end_turn'
  if (finishReason === 'length') return 'max_tokens'
  return finishReason
}

function messageObject(reply, { content, stop, outputTokens }) {
  return {
    id: reply.id,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: {
      input_tokens: reply.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: outputTokens,
      service_tier: 'standard',
    },
  }
}

/**
 * The non-streaming `message` object.
 * @param {import('../llm-server.mjs').ReplyContext} reply
 */
export function messagesResponse(reply) {
  return messageObject(reply, {
    content: [{ type: 'text', text: reply.text }],
    stop: stopReason(reply.finishReason),
    outputTokens: reply.outputTokens,
  })
}

/**
 * The stream as SSE events in `head` / `deltas` / `tail` parts (see chatStreamEvents).
 * message_start carries the input tokens (and 1 output token so far, as the API reports);
 * message_delta carries the stop reason and the final output token count.
 * @param {import('../llm-server.mjs').ReplyContext} reply
 */
export function messagesStreamEvents(reply) {
  const event = (type, fields = {}) => sseEvent({ type, ...fields }, type)
  const deltas = reply.deltas ?? splitIntoDeltas(reply.text)
  return {
    head: [
      event('message_start', { message: messageObject(reply, { content: [], stop: null, outputTokens: 1 }) }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('ping'),
    ],
    deltas: deltas.map((text) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
    tail: [
      event('content_block_stop', { index: 0 }),
      event('message_delta', {
        delta: { stop_reason: stopReason(reply.finishReason), stop_sequence: null },
        usage: { output_tokens: reply.outputTokens },
      }),
      event('message_stop'),
    ],
  }
}

/** The `error` event Anthropic sends mid-stream (e.g. `overloaded_error` when busy). */
export function messagesStreamErrorEvent(error) {
  const { error: fields } = anthropicErrorBody(error.status ?? 529, error)
  return sseEvent({ type: 'error', error: fields }, 'error')
}
