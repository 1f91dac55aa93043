import type { CruxModel, ProviderSettings } from './model.js'
/** An OpenAI Chat Completions model, or one of any OpenAI-compatible server (Ollama, llama.cpp, vLLM, LM Studio). */
export function openai(modelId: string, settings?: ProviderSettings): CruxModel
