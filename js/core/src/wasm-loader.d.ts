// For Crux's own packages (@crux/ai), not for apps: wasm-web.js in browsers, wasm-node.js in Node.
/** `loadModuleOptions(onFailure)` for the Emscripten factory of the module at `wasmUrl`, compiled once. */
export function moduleLoader(
  wasmUrl: URL,
  packageFile: string,
): (onFailure?: (error: unknown) => void) => Promise<object>
