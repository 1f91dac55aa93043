// Streams growing text into a durable document without a commit per token: the latest text is
// written at most every `intervalMs`, one write at a time, and `finish` writes the final text.
// A write that fails (the plan was deleted meanwhile) stops later writes; `finish` rethrows it.

/**
 * @param {(text: string) => Promise<unknown>} write
 * @param {number} intervalMs
 */
export function throttledWriter(write, intervalMs = 120) {
  let text = ''
  let written = ''
  let timer
  let failure
  let writing = Promise.resolve()

  const flush = () => {
    timer = undefined
    if (text === written || failure) return writing
    const snapshot = text
    written = snapshot
    writing = writing.then(() => failure ?? write(snapshot)).catch((error) => {
      failure ??= error
    })
    return writing
  }

  return {
    /** Appends a streamed piece; a write follows within `intervalMs`. */
    append(piece) {
      text += piece
      timer ??= setTimeout(flush, intervalMs)
    },
    /** Writes `finalText` (what the model returned) once earlier writes are done. */
    async finish(finalText) {
      clearTimeout(timer)
      text = finalText
      await flush()
      if (failure) throw failure
    },
    /** Stops pending writes (the call failed); waits for the one under way. */
    async abandon() {
      clearTimeout(timer)
      failure ??= new Error('abandoned')
      await writing
    },
  }
}
