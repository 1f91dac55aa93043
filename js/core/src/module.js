// The one place that touches the Emscripten module: loads crux.mjs + crux.wasm and hands
// back the module object (Embind classes and functions, FS).

import createCruxModule from '../dist/crux.mjs'
import { loadModuleOptions } from '#wasm-loader'
import { CruxError, EngineUnavailableError } from './errors.js'
import { learnLimits } from './limits.js'

/**
 * A new engine module instance; the .wasm is compiled once and shared by all instances.
 * A .wasm that cannot be fetched, compiled or started is an EngineUnavailableError.
 * @returns {Promise<import('./module.d.ts').EngineModule>}
 */
export async function loadEngineModule() {
  try {
    return await instantiateEngine()
  } catch (error) {
    if (error instanceof CruxError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new EngineUnavailableError(`could not load the Crux engine (crux.wasm): ${reason}`, { cause: error })
  }
}

async function instantiateEngine() {
  let failInstantiation
  const instantiationFailed = new Promise((_, reject) => {
    failInstantiation = reject
  })
  const options = await loadModuleOptions((error) => failInstantiation(error))
  const module = await Promise.race([
    createCruxModule({
      // The engine reports through return values and exceptions; anything printed is a bug worth seeing.
      print: (text) => console.log('[crux]', text),
      printErr: (text) => console.warn('[crux]', text),
      ...options,
    }),
    instantiationFailed,
  ])
  learnLimits(module)
  return module
}
