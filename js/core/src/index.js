// @crux/core: durable flows with human-in-the-loop pauses, and live plan documents.

import { Crux } from './crux.js'

export * from './errors.js'

/**
 * An isolated instance with its own database `name`; its methods are the functions of
 * '@crux/core/flow' and '@crux/core/plan'.
 * @param {{ name?: string, storage?: 'indexeddb' | 'memory', now?: () => number, fetch?: typeof fetch, persist?: boolean }} [options]
 */
export function createCrux(options) {
  return new Crux(options)
}

export { getDefaultCrux, closeDefaultCrux } from './default-crux.js'
