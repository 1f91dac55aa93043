import type { CruxModel } from './model.js'
/** A deterministic model with no network: a plan for a brief, or an execution report of a plan. */
export function offline(settings?: { delayMs?: number }): CruxModel
