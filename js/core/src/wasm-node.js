// A module's .wasm in Node: read from disk (Emscripten 3.1.6 would fetch() the file path, which
// Node's fetch refuses) and compiled once per process.

import { readFile } from 'node:fs/promises'
import { instantiateOptions, once } from './wasm-instantiate.js'

/**
 * `loadModuleOptions(onFailure)` for the Emscripten factory of the module at `wasmUrl`.
 * @param {URL} wasmUrl
 */
export function moduleLoader(wasmUrl) {
  const compile = once(async () => WebAssembly.compile(await readFile(wasmUrl)))
  // A new object each call: the factory adopts it as the module.
  return async (onFailure = () => {}) => instantiateOptions(await compile(), onFailure)
}
