// The engine's .wasm in Node: read from disk (Emscripten 3.1.6 would fetch() the file path,
// which Node's fetch refuses) and compiled once per process.

import { readFile } from 'node:fs/promises'
import { instantiateOptions, once } from './wasm-instantiate.js'

const wasmUrl = new URL('../dist/crux.wasm', import.meta.url)

const compileEngine = once(async () => WebAssembly.compile(await readFile(wasmUrl)))

/**
 * Options for the Emscripten factory (a new object each call: the factory adopts it as the module).
 * @param {(error: unknown) => void} onFailure called if instantiation fails later
 */
export async function loadModuleOptions(onFailure = () => {}) {
  return instantiateOptions(await compileEngine(), onFailure)
}
