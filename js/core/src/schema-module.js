// crux-schema.wasm: the JSON Schema validator, a module of its own, loaded the first time the
// engine meets a schema (a flow's declared input, a suspend with a schema, a run parked on one).
// An app that declares no schema never downloads it. One instance serves every engine of the page.

import { moduleLoader } from '#wasm-loader'
import { instantiateModule } from './module.js'
import { once } from './wasm-instantiate.js'

const loadSchemaOptions = moduleLoader(
  new URL('../dist/crux-schema.wasm', import.meta.url),
  "@crux/core's dist/crux-schema.wasm",
)

/** After a failed load: its error, and when (ms) the next call may try again. */
let failed = { error: undefined, retryAt: 0, backoffMs: 500 }

/**
 * The validator module, loaded once. A .wasm that cannot be fetched, compiled or started is an
 * EngineUnavailableError; calls in the next 0.5 s, then 1 s, … up to 30 s after each failure get
 * the same error without fetching again.
 * @type {() => Promise<import('./module.d.ts').SchemaModule>}
 */
export const loadSchemaModule = once(async () => {
  if (Date.now() < failed.retryAt) throw failed.error
  try {
    // The .wasm is fetched and compiled while its glue loads (the compiled module is kept).
    loadSchemaOptions().catch(() => {})
    const { default: createCruxSchemaModule } = await import('../dist/crux-schema.mjs')
    return await instantiateModule(createCruxSchemaModule, loadSchemaOptions, 'crux-schema.wasm')
  } catch (error) {
    failed = { error, retryAt: Date.now() + failed.backoffMs, backoffMs: Math.min(failed.backoffMs * 2, 30_000) }
    throw error
  }
})
