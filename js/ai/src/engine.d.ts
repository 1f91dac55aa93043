/**
 * @crux/ai's Emscripten module, declared function by function as bindings/generation_binding.cpp
 * defines it. Every function but endGeneration and retryDelay returns an envelope (`{"ok":value}` or
 * `{"error":{code,message,details?}}`) that @crux/core/internal's unwrap decodes.
 */
export interface AiModule {
  /** The engine's limits as JSON text (src/core/limits.hpp). */
  limits(): string
  /** `{ system, messages }` of a prompt, its input and system, for an AI SDK model. */
  renderConversation(spec: string): Reply

  // ---- one generate call: JS fetches, the engine builds requests and reads what comes back ----
  /** `{ id, offline }` once the spec is accepted; the id names the generation until endGeneration. */
  startGeneration(spec: string): Reply
  /** Forgets the generation (an unknown id is no error). */
  endGeneration(id: number): void
  offlineReply(id: number): Reply
  beginAttempt(id: number): Reply
  readBody(id: number, body: string): Reply
  readChunk(id: number, bytes: string | Uint8Array): Reply
  endStream(id: number): Reply
  httpError(id: number, status: number, headers: string, body: string, now: number): Reply
  networkError(id: number, message: string): Reply
  /** Milliseconds to wait before the next attempt, or -1 to give up (or for an unknown id). */
  retryDelay(id: number, random01: number): number
}

/** An envelope's JSON text. */
type Reply = string

export const engineModule: () => Promise<AiModule>
