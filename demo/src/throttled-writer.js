// Streams growing text into a durable document without a commit per token: the latest text is
// written at most every `intervalMs`, one write at a time, and `finish` writes the final text.

/**
 * @param {(text: string) => Promise<unknown>} write
 * @param {number} intervalMs
 */
export function throttledWriter(write, intervalMs = 120) {
  let text = ''
  let written = ''
  let timer
  let writing = Promise.resolve()

  const flush = () => {
    timer = undefined
    if (text === written) return writing
    const snapshot = text
    written = snapshot
    writing = writing.then(() => write(snapshot))
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
    },
    /** Stops pending writes (the call failed); waits for the one under way. */
    async abandon() {
      clearTimeout(timer)
      await writing.catch(() => {})
    },
  }
}
