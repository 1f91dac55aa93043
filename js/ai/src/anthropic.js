// Anthropic Messages.

import { createModel, environment } from './model.js'

/**
 * An Anthropic model. `apiKey` defaults to ANTHROPIC_API_KEY and `baseURL` to
 * ANTHROPIC_BASE_URL in Node, then to https://api.anthropic.com/v1.
 * @param {string} modelId e.g. 'claude-sonnet-4-5'
 * @param {{ apiKey?: string, baseURL?: string, headers?: Record<string, string>, fetch?: typeof fetch }} [settings]
 */
export function anthropic(modelId, settings = {}) {
  return createModel('anthropic', modelId, {
    ...settings,
    apiKey: settings?.apiKey ?? environment('ANTHROPIC_API_KEY'),
    baseURL: settings?.baseURL ?? environment('ANTHROPIC_BASE_URL'),
  })
}
