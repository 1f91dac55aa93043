// The engine's .wasm in browsers and workers. `new URL('…', import.meta.url)` is the pattern
// bundlers (Vite, webpack) detect to hash and copy the file; compiled once per page.

import { instantiateOptions, once } from './wasm-instantiate.js'

const wasmUrl = new URL('../dist/crux.wasm', import.meta.url)

const compileEngine = once(async () => {
  const response = await fetch(wasmUrl, { credentials: 'same-origin' })
  if (!response.ok) {
    throw new Error(
      `${wasmUrl.href} answered HTTP ${response.status}: the app must serve @crux/core's dist/crux.wasm ` +
        "(Vite, webpack and Next.js copy it when they bundle @crux/core; a server that rewrites unknown paths to a page does not)",
    )
  }
  // compileStreaming needs Content-Type application/wasm; otherwise read the bytes. One fetch,
  // and no clone: an unread branch of a tee keeps the whole .wasm buffered.
  const type = response.headers.get('content-type')?.split(';')[0].trim()
  if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') {
    return WebAssembly.compileStreaming(response)
  }
  return WebAssembly.compile(await response.arrayBuffer())
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
