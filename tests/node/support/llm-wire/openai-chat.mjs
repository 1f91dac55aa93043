// OpenAI Chat Completions (`POST /v1/chat/completions`): request checks, the JSON reply, and
// the `chat.completion.chunk` SSE stream ending in `data: [DONE]`.
import { sseEvent, splitIntoDeltas, contentText } from './sse.mjs'
import { openaiErrorBody, missingParameter } from './openai-common.mjs'

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer']
const SYSTEM_FINGERPRINT = 'fp_crux_local'

/**
 * The 400 body the API gives for this request body, or null when it is acceptable.
 * @param {any} body
 */
export function validateChatRequest(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return openaiErrorBody(400, { message: `Invalid type for request body: expected an object, but got ${Array.isArray(body) ? 'an array' : typeof body} instead.` })
  }
  // The real API words a missing model differently from every other missing parameter.
  if (body.model === undefined) return openaiErrorBody(400, { message: 'you must provide a model parameter' })
  if (body.messages === undefined) return missingParameter('messages')
  if (!Array.isArray(body.messages)) {
    return openaiErrorBody(400, { message: `Invalid type for 'messages': expected an array of objects, but got ${typeof body.messages} instead.`, param: 'messages', code: 'invalid_type' })
  }
  if (body.messages.length === 0) {
    return openaiErrorBody(400, {
      message: "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      param: 'messages',
      code: 'empty_array',
    })
  }
  for (const [index, message] of body.messages.entries()) {
    if (!ROLES.includes(message?.role)) {
      return openaiErrorBody(400, {
        message: `Invalid value: '${message?.role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        param: `messages[${index}].role`,
        code: 'invalid_value',
      })
    }
  }
  if (body.stream_options != null && body.stream !== true) {
    return openaiErrorBody(400, {
      message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      param: 'stream_options',
      code: null,
    })
  }
  return null
}

/** Text of the last `user` message (what the default reply is derived from). */
export function chatPromptText(body) {
  const lastUser = body.messages.findLast((m) => m.role === 'user')
  return contentText(lastUser?.content)
}

/** Text of every message, for the prompt token estimate. */
export function chatAllText(body) {
  return body.messages.map((m) => contentText(m.content)).join('\n')
}

function chatFinishReason(finishReason) {
  return finishReason ?? 'stop'
}

function chatUsage(reply) {
  return {
    prompt_tokens: reply.inputTokens,
    completion_tokens: reply.outputTokens,
    total_tokens: reply.inputTokens + reply.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  }
}

/**
 * The non-streaming `chat.completion` object.
 * @param {import('../llm-server.mjs').ReplyContext} reply
 */
export function chatCompletion(reply) {
  return {
    id: reply.id,
    object: 'chat.completion',
    created: reply.created,
    model: reply.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: chatFinishReason(reply.finishReason),
      },
    ],
    usage: chatUsage(reply),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  }
}

/**
 * The stream as SSE events, in three parts so a mid-stream error can be put after a delta:
 * `head` (role chunk), `deltas` (one per content delta), `tail` (finish, usage, `[DONE]`).
 * With `include_usage` every chunk carries `usage: null` and a last chunk with `choices: []`
 * carries the totals, as the API does.
 * @param {import('../llm-server.mjs').ReplyContext} reply
 */
export function chatStreamEvents(reply) {
  const chunk = (choices, usage) => ({
    id: reply.id,
    object: 'chat.completion.chunk',
    created: reply.created,
    model: reply.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices,
    ...(reply.includeUsage ? { usage } : {}),
  })
  const choice = (delta, finishReason = null) => ({ index: 0, delta, logprobs: null, finish_reason: finishReason })
  const deltas = reply.deltas ?? splitIntoDeltas(reply.text)
  return {
    head: [sseEvent(chunk([choice({ role: 'assistant', content: '', refusal: null })], null))],
    deltas: deltas.map((content) => sseEvent(chunk([choice({ content })], null))),
    tail: [
      sseEvent(chunk([choice({}, chatFinishReason(reply.finishReason))], null)),
      ...(reply.includeUsage ? [sseEvent(chunk([], chatUsage(reply)))] : []),
      sseEvent('[DONE]'),
    ],
  }
}

/** What OpenAI sends when a chat stream fails after it started: a `data:` line with an `error`. */
export function chatStreamErrorEvent(error) {
  return sseEvent(openaiErrorBody(error.status ?? 500, error))
}
