// The three endpoints the test server answers, each described by the same set of functions so
// the server handles them alike: which headers and bodies are rejected, how a reply looks as
// JSON and as SSE, and how errors are worded.
import { checkOpenaiKey, openaiErrorBody, openaiUnparsableBody } from './openai-common.mjs'
import * as chat from './openai-chat.mjs'
import * as responses from './openai-responses.mjs'
import * as messages from './anthropic-messages.mjs'

const openaiShared = {
  route: 'openai',
  requestIdHeader: 'x-request-id',
  checkHeaders: (headers, apiKeys) => checkOpenaiKey(headers, apiKeys.openai),
  unparsableBody: () => openaiUnparsableBody(),
  errorBody: (status, fields) => openaiErrorBody(status, fields),
  // The body of an unknown path under /openai, as OpenAI words it.
  notFound: (method, path) => openaiErrorBody(404, { message: `Invalid URL (${method} ${path})`, code: null }),
}

export const CHAT_COMPLETIONS = {
  ...openaiShared,
  name: 'chat.completions',
  newIds: (n) => ({ id: `chatcmpl-local${n}` }),
  validate: (body) => chat.validateChatRequest(body),
  promptText: chat.chatPromptText,
  allText: chat.chatAllText,
  includeUsage: (body) => body.stream_options?.include_usage === true,
  response: chat.chatCompletion,
  streamEvents: chat.chatStreamEvents,
  streamErrorEvent: (error) => chat.chatStreamErrorEvent(error),
}

export const RESPONSES = {
  ...openaiShared,
  name: 'responses',
  newIds: (n) => ({ id: `resp_local${n}`, itemId: `msg_local${n}` }),
  validate: (body) => responses.validateResponsesRequest(body),
  promptText: responses.responsesPromptText,
  allText: responses.responsesAllText,
  includeUsage: () => true,
  response: responses.responsesResponse,
  streamEvents: responses.responsesStreamEvents,
  streamErrorEvent: (error, eventsSent) => responses.responsesStreamErrorEvent(error, eventsSent),
}

export const MESSAGES = {
  route: 'anthropic',
  name: 'messages',
  requestIdHeader: 'request-id',
  newIds: (n) => ({ id: `msg_local${n}`, requestId: `req_local${n}` }),
  checkHeaders: (headers, apiKeys, requestId) => messages.checkAnthropicHeaders(headers, apiKeys.anthropic, requestId),
  unparsableBody: (requestId) => messages.anthropicErrorBody(400, { message: 'There was an error parsing the body of your request' }, requestId),
  errorBody: (status, fields, requestId) => messages.anthropicErrorBody(status, fields, requestId),
  notFound: (method, path, requestId) => messages.anthropicErrorBody(404, { message: `Not found: ${method} ${path}` }, requestId),
  validate: (body, requestId) => messages.validateMessagesRequest(body, requestId),
  promptText: messages.messagesPromptText,
  allText: messages.messagesAllText,
  includeUsage: () => true,
  response: messages.messagesResponse,
  streamEvents: messages.messagesStreamEvents,
  streamErrorEvent: (error) => messages.messagesStreamErrorEvent(error),
}

/** Endpoint by request path. */
export const ENDPOINTS_BY_PATH = new Map([
  ['/openai/v1/chat/completions', CHAT_COMPLETIONS],
  ['/openai/v1/responses', RESPONSES],
  ['/anthropic/v1/messages', MESSAGES],
])

/** For paths that match no endpoint: whose error format to answer in, by prefix. */
export function endpointForPrefix(path) {
  if (path.startsWith('/anthropic/')) return MESSAGES
  return CHAT_COMPLETIONS
}
