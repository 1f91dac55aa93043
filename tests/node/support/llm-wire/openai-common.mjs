// What the two OpenAI endpoints share: the error body, bearer-key checking, and the errors
// the API gives for common statuses.

/** The `type` and `code` OpenAI puts in the error body for a status when none is given. */
const OPENAI_ERROR_DEFAULTS = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist or you do not have access to it.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests. Please try again in 1s.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' },
  503: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' },
}

/**
 * OpenAI's error body: `{ error: { message, type, param, code } }` (all four always present).
 * @param {number} status
 * @param {{ message?: string, type?: string, param?: string|null, code?: string|null }} [fields]
 */
export function openaiErrorBody(status, fields = {}) {
  const defaults = OPENAI_ERROR_DEFAULTS[status] ?? (status >= 500 ? OPENAI_ERROR_DEFAULTS[500] : OPENAI_ERROR_DEFAULTS[400])
  return {
    error: {
      message: fields.message ?? defaults.message,
      type: fields.type ?? defaults.type,
      param: fields.param ?? null,
      code: fields.code !== undefined ? fields.code : defaults.code,
    },
  }
}

/** The key as OpenAI echoes it in a 401: first 3 and last 4 characters, stars between. */
function maskKey(key) {
  if (key.length <= 8) return key
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`
}

/**
 * Checks `Authorization: Bearer <key>`. `expectedKey` null accepts any key.
 * @returns {null | { status: number, body: object }} the 401 to send, or null when accepted
 */
export function checkOpenaiKey(headers, expectedKey) {
  const match = /^Bearer\s+(.*)$/i.exec(headers.authorization ?? '')
  if (!match || match[1] === '') {
    return {
      status: 401,
      body: openaiErrorBody(401, {
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
        code: null,
      }),
    }
  }
  if (expectedKey != null && match[1] !== expectedKey) {
    return {
      status: 401,
      body: openaiErrorBody(401, {
        message: `Incorrect API key provided: ${maskKey(match[1])}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        code: 'invalid_api_key',
      }),
    }
  }
  return null
}

/** The 400 OpenAI sends for a body that is not JSON. */
export function openaiUnparsableBody() {
  return openaiErrorBody(400, {
    message:
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
  })
}

/** A 400 for a missing required parameter, as both OpenAI endpoints word it. */
export function missingParameter(param) {
  return openaiErrorBody(400, {
    message: `Missing required parameter: '${param}'.`,
    param,
    code: 'missing_required_parameter',
  })
}
