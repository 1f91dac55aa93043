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

/**
 * The validator module, loaded once (after a failure, the next call tries again). A .wasm that
 * cannot be fetched, compiled or started is an EngineUnavailableError.
 * @type {() => Promise<import('./module.d.ts').SchemaModule>}
 */
export const loadSchemaModule = once(async () => {
  // The .wasm is fetched and compiled while its glue loads (the compiled module is kept).
  loadSchemaOptions().catch(() => {})
  const { default: createCruxSchemaModule } = await import('../dist/crux-schema.mjs')
  return instantiateModule(createCruxSchemaModule, loadSchemaOptions, 'crux-schema.wasm')
})
