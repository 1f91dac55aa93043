// The one place that touches an Emscripten module: loads crux.mjs + crux.wasm (and, through
// instantiateModule, crux-schema.wasm for schema-module.js and crux-ai.wasm for @crux/ai) and
// hands back the module object, whose Embind functions are its door.

import createCruxModule from '../dist/crux.mjs'
import { moduleLoader } from '#wasm-loader'
import { CruxError, EngineUnavailableError } from './errors.js'
import { learnLimits } from './limits.js'

const loadCruxOptions = moduleLoader(new URL('../dist/crux.wasm', import.meta.url), "@crux/core's dist/crux.wasm")

/**
 * A new engine module instance; the .wasm is compiled once and shared by all instances.
 * A .wasm that cannot be fetched, compiled or started is an EngineUnavailableError.
 * @returns {Promise<import('./module.d.ts').EngineModule>}
 */
export function loadEngineModule() {
  return instantiateModule(createCruxModule, loadCruxOptions, 'crux.wasm')
}

/**
 * A new instance of an Emscripten module built by CMakeLists.txt.
 * @template M
 * @param {(options: object) => Promise<M>} factory the module's crux*.mjs default export
 * @param {(onFailure: (error: unknown) => void) => Promise<object>} loadOptions from moduleLoader
 * @param {string} file the .wasm's name, for errors
 * @returns {Promise<M>}
 */
export async function instantiateModule(factory, loadOptions, file) {
  try {
    let failInstantiation
    const instantiationFailed = new Promise((_, reject) => {
      failInstantiation = reject
    })
    const options = await loadOptions((error) => failInstantiation(error))
    const module = await Promise.race([
      factory({
        // The engine reports through return values and exceptions; anything printed is a bug worth seeing.
        print: (text) => console.log('[crux]', text),
        printErr: (text) => console.warn('[crux]', text),
        ...options,
      }),
      instantiationFailed,
    ])
    learnLimits(module)
    return module
  } catch (error) {
    if (error instanceof CruxError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new EngineUnavailableError(`could not load the Crux engine (${file}): ${reason}`, { cause: error })
  }
}
