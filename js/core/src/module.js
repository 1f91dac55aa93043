// The one place that touches the Emscripten module: loads crux.mjs + crux.wasm and hands
// back the module object (Embind classes and functions, FS, mountStore/openStoreDatabase/closeStore).

import createCruxModule from '../dist/crux.mjs'
import { loadModuleOptions } from '#wasm-loader'
import { learnLimits } from './limits.js'

/**
 * A new engine module instance; the .wasm is compiled once and shared by all instances.
 * @returns {Promise<import('./module.d.ts').EngineModule>}
 */
export async function loadEngineModule() {
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
