// A deterministic model that needs no network: the demo and tests run offline with it.

import { InvalidArgumentError } from '@crux/core'
import { createModel } from './model.js'

/**
 * Writes a multi-step plan for the brief in its prompt, or an execution report when the
 * prompt asks to execute or carry out a plan; the same prompt always gets the same text.
 * With `onToken` it streams word by word, `delayMs` apart (default 20).
 * @param {{ delayMs?: number }} [settings]
 */
export function offline(settings = {}) {
  if (settings === null || typeof settings !== 'object') throw new InvalidArgumentError('offline settings must be an object')
  const { delayMs = 20 } = settings
  if (typeof delayMs !== 'number' || !(delayMs >= 0) || delayMs > 60_000) {
    throw new InvalidArgumentError(`offline delayMs must be a number of milliseconds from 0 to 60000, got ${String(delayMs)}`)
  }
  return createModel('offline', 'offline', { delayMs })
}
