// @crux/ai: LLM calls for Crux flows. Providers: '@crux/ai/openai', '@crux/ai/anthropic', '@crux/ai/offline'.

export { generate } from './generate.js'
export { GenerateFailedError } from '@crux/core'
