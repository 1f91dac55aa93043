// The engine's .wasm in browsers and workers. `new URL('…', import.meta.url)` is the pattern
// bundlers (Vite, webpack) detect to hash and copy the file; compiled once per page.

import { instantiateOptions, once } from './wasm-instantiate.js'

const wasmUrl = new URL('../dist/crux.wasm', import.meta.url)

const compileEngine = once(async () => {
  try {
    return await WebAssembly.compileStreaming(fetch(wasmUrl, { credentials: 'same-origin' }))
  } catch {
    // Served without Content-Type application/wasm, not found, or no streaming compile here:
    // fetch the bytes (usually from the HTTP cache) and say which it was. Not a clone of the
    // first response: an unread branch of a tee keeps the whole .wasm buffered.
    const response = await fetch(wasmUrl, { credentials: 'same-origin' })
    if (!response.ok) throw new Error(`could not load ${wasmUrl.href}: HTTP ${response.status}`)
    return WebAssembly.compile(await response.arrayBuffer())
  }
})

/**
 * Options for the Emscripten factory (a new object each call: the factory adopts it as the module).
 * @param {(error: unknown) => void} onFailure called if instantiation fails later
 */
export async function loadModuleOptions(onFailure = () => {}) {
  return {
    locateFile: () => wasmUrl.href,
    ...instantiateOptions(await compileEngine(), onFailure),
  }
}
