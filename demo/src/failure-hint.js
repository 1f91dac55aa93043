// Why a run failed, in words a person can act on: for a model call, what to check, by what went
// wrong (the error's code and HTTP status as @crux/ai records them).

/**
 * @param {{ code?: string, message?: string, details?: { status?: number } } | undefined} error the run's recorded error
 * @param {{ kind: string, baseURL?: string }} model the model now in Settings
 * @param {string} origin this page's origin, for the CORS advice
 * @returns {{ title: string, hint: string }}
 */
export function failureHint(error, model, origin) {
  if (error?.code !== 'GENERATE_FAILED') {
    return { title: 'The flow stopped on an error.', hint: 'Retry starts it again with the same title and brief.' }
  }
  const status = error.details?.status
  const where = model.kind === 'openai' ? hostOf(model.baseURL) : 'the model server'
  if (status === undefined) {
    return {
      title: `The model could not be reached.`,
      hint:
        `The browser got no answer from ${where}. Check that the server is running and that the base URL in ` +
        `Settings is right. A server on another address must also allow requests from this page (CORS): ` +
        `for Ollama, start it with OLLAMA_ORIGINS=${origin}. Then retry.`,
    }
  }
  if (status === 401 || status === 403) {
    return { title: 'The model server refused the request.', hint: 'Check the API key in Settings, then retry.' }
  }
  if (status === 404) {
    return { title: 'The model server does not know this model or address.', hint: 'Check the model name and the base URL in Settings (it usually ends in /v1), then retry.' }
  }
  if (status === 429) {
    return { title: 'The model server is busy.', hint: 'It asked for fewer requests: wait a moment, then retry.' }
  }
  return { title: `The model server answered with an error (HTTP ${status}).`, hint: 'Retry in a moment, or pick another model in Settings.' }
}

function hostOf(url) {
  try {
    return new URL(url).host
  } catch {
    return 'the model server'
  }
}
