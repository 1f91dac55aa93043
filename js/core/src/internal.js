// For Crux's own packages (@crux/ai), not for apps: the engine module and the helpers that
// decode its replies. It may change in any release.

export { loadEngineModule, instantiateModule } from './module.js'
export { loadSchemaModule } from './schema-module.js'
export { unwrap, options } from './engine-call.js'
export { toJsonText } from './json.js'
export { engineLimits } from './limits.js'
export { once } from './wasm-instantiate.js'
