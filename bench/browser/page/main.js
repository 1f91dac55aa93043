// The benchmark page: @crux/core's public API as an app bundles it, and the scenarios that
// bench/browser/run.mjs calls by name through `window.bench`.
import { wasmMemoryBytes } from './wasm-memory.js' // first: it watches every instance made after it
import * as baseline from './baseline.js'
import * as steps from './steps.js'
import * as recipe from './recipe.js'
import * as cold from './cold.js'
import * as populate from './populate.js'
import * as large from './large.js'
import * as firstUse from './first-use.js'

window.bench = { wasmMemoryBytes, ...baseline, ...steps, ...recipe, ...cold, ...populate, ...large, ...firstUse }
document.getElementById('state').textContent = 'ready'
