// OpenAI Responses API (`POST /v1/responses`): request checks, the `response` object, and the
// semantic SSE stream (`event: response.created` … `response.output_text.delta` …
// `response.completed`; every event has a `sequence_number`; no `[DONE]` at the end).
import { sseEvent, splitIntoDeltas, contentText } from './sse.mjs'
import { openaiErrorBody, missingParameter } from './openai-common.mjs'

/**
 * The 400 body the API gives for this request body, or null when it is acceptable.
 * @param {any} body
 */
export function validateResponsesRequest(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return openaiErrorBody(400, { message: 'Invalid type for request body: expected an object.' })
  }
  if (body.model === undefined) return missingParameter('model')
  if (body.input !== undefined && typeof body.input !== 'string' && !Array.isArray(body.input)) {
    return openaiErrorBody(400, { message: `Invalid type for 'input': expected one of a string or array of input items, but got ${typeof body.input} instead.`, param: 'input', code: 'invalid_type' })
  }
  if (body.max_output_tokens != null && body.max_output_tokens < 16) {
    return openaiErrorBody(400, {
      message: `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${body.max_output_tokens} instead.`,
      param: 'max_output_tokens',
      code: 'integer_below_min_value',
    })
  }
  return null
}

/** The input messages, whether `input` is a string or a list of items. */
function inputMessages(body) {
  if (typeof body.input === 'string') return [{ role: 'user', content: body.input }]
  return (body.input ?? []).filter((item) => item?.role !== undefined && (item.type === undefined || item.type === 'message'))
}

/** Text of the last user input (what the default reply is derived from). */
export function responsesPromptText(body) {
  return contentText(inputMessages(body).findLast((m) => m.role === 'user')?.content)
}

/** Text of the instructions and every input message, for the prompt token estimate. */
export function responsesAllText(body) {
  return [body.instructions ?? '', ...inputMessages(body).map((m) => contentText(m.content))].join('\n')
}

function usage(reply) {
  return {
    input_tokens: reply.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: reply.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: reply.inputTokens + reply.outputTokens,
  }
}

/** `length` (or the API's own `max_output_tokens`) ends the response as `incomplete`. */
function isCutShort(reply) {
  return reply.finishReason === 'length' || reply.finishReason === 'max_output_tokens'
}

function outputText(text) {
  return { type: 'output_text', annotations: [], logprobs: [], text }
}

function messageItem(reply, status, content) {
  return { id: reply.itemId, type: 'message', status, content, role: 'assistant' }
}

/**
 * The `response` object in a given state (`in_progress` while streaming, then final).
 * @param {import('../llm-server.mjs').ReplyContext} reply
 * @param {'in_progress'|'final'} state
 */
function responseObject(reply, state) {
  const final = state === 'final'
  const body = reply.requestBody
  return {
    id: reply.id,
    object: 'response',
    created_at: reply.created,
    status: final ? (isCutShort(reply) ? 'incomplete' : 'completed') : 'in_progress',
    background: false,
    error: null,
    incomplete_details: final && isCutShort(reply) ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: reply.model,
    output: final ? [messageItem(reply, final && isCutShort(reply) ? 'incomplete' : 'completed', [outputText(reply.text)])] : [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    usage: final ? usage(reply) : null,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  }
}

/**
 * The non-streaming `response` object.
 * @param {import('../llm-server.mjs').ReplyContext} reply
 */
export function responsesResponse(reply) {
  return responseObject(reply, 'final')
}

/**
 * The stream as SSE events in `head` / `deltas` / `tail` parts (see chatStreamEvents).
 * Sequence numbers run across the three parts, so a mid-stream error event takes the next one.
 * @param {import('../llm-server.mjs').ReplyContext} reply
 */
export function responsesStreamEvents(reply) {
  let sequence = 0
  const event = (type, fields) => sseEvent({ type, ...fields, sequence_number: sequence++ }, type)
  const where = { item_id: reply.itemId, output_index: 0, content_index: 0 }
  const head = [
    event('response.created', { response: responseObject(reply, 'in_progress') }),
    event('response.in_progress', { response: responseObject(reply, 'in_progress') }),
    event('response.output_item.added', { output_index: 0, item: messageItem(reply, 'in_progress', []) }),
    event('response.content_part.added', { ...where, part: outputText('') }),
  ]
  const deltas = (reply.deltas ?? splitIntoDeltas(reply.text)).map((delta) => event('response.output_text.delta', { ...where, delta, logprobs: [] }))
  const final = responseObject(reply, 'final')
  const tail = [
    event('response.output_text.done', { ...where, text: reply.text, logprobs: [] }),
    event('response.content_part.done', { ...where, part: outputText(reply.text) }),
    event('response.output_item.done', { output_index: 0, item: final.output[0] }),
    event(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final }),
  ]
  return { head, deltas, tail }
}

/**
 * The `error` event the Responses stream sends when it fails after it started.
 * @param {number} sequenceNumber the number of events sent before it
 */
export function responsesStreamErrorEvent(error, sequenceNumber) {
  const { error: fields } = openaiErrorBody(error.status ?? 500, error)
  return sseEvent({ type: 'error', code: fields.code ?? fields.type, message: fields.message, param: fields.param, sequence_number: sequenceNumber }, 'error')
}
