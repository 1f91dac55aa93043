// A module's .wasm in browsers and workers, compiled once per page. The caller names the file
// with `new URL('…', import.meta.url)`, the pattern bundlers (Vite, webpack) detect to hash and
// copy it.

import { instantiateOptions, once } from './wasm-instantiate.js'

/**
 * `loadModuleOptions(onFailure)` for the Emscripten factory of the module at `wasmUrl`.
 * @param {URL} wasmUrl
 * @param {string} packageFile what the app must serve, for the error: "@crux/core's dist/crux.wasm"
 */
export function moduleLoader(wasmUrl, packageFile) {
  const compile = once(async () => {
    const response = await fetch(wasmUrl, { credentials: 'same-origin' })
    if (!response.ok) {
      throw new Error(
        `${wasmUrl.href} answered HTTP ${response.status}: the app must serve ${packageFile} ` +
          '(Vite, webpack and Next.js copy it when they bundle the package; a server that rewrites unknown paths to a page does not)',
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
  // A new object each call: the factory adopts it as the module.
  return async (onFailure = () => {}) => ({
    locateFile: () => wasmUrl.href,
    ...instantiateOptions(await compile(), onFailure),
  })
}
