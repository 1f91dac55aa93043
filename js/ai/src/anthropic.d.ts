import type { CruxModel, ProviderSettings } from './model.js'
/** An Anthropic Messages model. */
export function anthropic(modelId: string, settings?: ProviderSettings): CruxModel
