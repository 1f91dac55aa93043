// @crux/ai's own engine module (crux-ai.mjs + crux-ai.wasm): the LLM wire formats, the SSE
// parser and the offline model, which an app that only imports @crux/core never downloads.

import { instantiateModule, once } from '@crux/core/internal'
import { moduleLoader } from '@crux/core/internal/wasm-loader'
import createCruxAiModule from '../dist/crux-ai.mjs'

const loadOptions = moduleLoader(new URL('../dist/crux-ai.wasm', import.meta.url), "@crux/ai's dist/crux-ai.wasm")

/** @type {() => Promise<import('./engine.d.ts').AiModule>} */
export const engineModule = once(() => instantiateModule(createCruxAiModule, loadOptions, 'crux-ai.wasm'))
