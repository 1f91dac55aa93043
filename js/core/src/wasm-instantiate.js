// Instantiation shared by the Node and browser loaders: one compiled WebAssembly.Module per
// process, one instance per engine module.

/**
 * Emscripten factory options that instantiate `compiled` instead of loading crux.wasm.
 * Emscripten 3.1.6 waits forever when an `instantiateWasm` hook fails, so failures are
 * reported to `onFailure`.
 * @param {WebAssembly.Module} compiled
 * @param {(error: unknown) => void} onFailure
 */
export function instantiateOptions(compiled, onFailure) {
  return {
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(compiled, imports)
        .then((instance) => receiveInstance(instance, compiled))
        .catch(onFailure)
      return {} // the exports arrive through receiveInstance
    },
  }
}

/**
 * Memoize an async loader; a failed load is forgotten so that a later call tries again.
 * @template T
 * @param {() => Promise<T>} load
 * @returns {() => Promise<T>}
 */
export function once(load) {
  /** @type {Promise<T> | undefined} */
  let loading
  return () => {
    loading ??= load().catch((error) => {
      loading = undefined
      throw error
    })
    return loading
  }
}
