// For Crux's own packages (@crux/ai), not for apps; it may change in any release.
export { loadEngineModule, instantiateModule } from './module.js'
export function unwrap(reply: string): any
export function options(value: unknown, what: string): Record<string, unknown>
export function toJsonText(value: unknown, what: string): string | undefined
/** The engine's limits, once an engine module has loaded (src/core/limits.hpp). */
export function engineLimits(): Readonly<Record<'maxNameChars' | 'maxPayloadBytes' | 'maxJsonDepth' | 'maxErrorBytes' | 'maxReasonBytes' | 'maxDurationMs', number>>
export function once<T>(load: () => Promise<T>): () => Promise<T>
