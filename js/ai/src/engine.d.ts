/**
 * @crux/ai's Emscripten module, declared method by method as bindings/generation_binding.cpp
 * defines it. Every method but retryDelay returns an envelope (`{"ok":value}` or
 * `{"error":{code,message,details?}}`) that @crux/core/internal's unwrap decodes.
 */
export interface AiModule {
  /** The engine's limits as JSON text (src/core/limits.hpp). */
  limits(): string
  /** `{ system, messages }` of a prompt, its input and system, for an AI SDK model. */
  renderConversation(spec: string): string
  Generation: new () => GenerationBinding
}

/** An envelope's JSON text. */
type Reply = string

/** One generate call: JS fetches, the engine builds requests and reads what comes back. */
export interface GenerationBinding {
  start(spec: string): Reply
  offlineReply(): Reply
  beginAttempt(): Reply
  readBody(body: string): Reply
  readChunk(bytes: string): Reply
  endStream(): Reply
  httpError(status: number, headers: string, body: string, now: number): Reply
  networkError(message: string): Reply
  /** Milliseconds to wait before the next attempt, or -1 to give up. */
  retryDelay(random01: number): number
  delete(): void
}

export const engineModule: () => Promise<AiModule>
