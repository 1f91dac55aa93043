// Byte-level helpers shared by the three wire formats: SSE framing, how a reply text is cut
// into deltas, a deterministic token estimate, and slicing a body into fixed-size chunks.

/**
 * One server-sent event: an optional `event:` line, one `data:` line, a blank line.
 * Objects are JSON-encoded (providers send compact JSON on one line).
 * @param {object|string} data
 * @param {string} [eventName]
 * @returns {string}
 */
export function sseEvent(data, eventName) {
  const payload = typeof data === 'string' ? data : JSON.stringify(data)
  return `${eventName ? `event: ${eventName}\n` : ''}data: ${payload}\n\n`
}

/**
 * Cuts a reply into the deltas a stream sends: one per word, each with the whitespace before it
 * ("Hello wörld 👋" → "Hello", " wörld", " 👋"), so joining them gives the text back exactly.
 * @param {string} text
 * @returns {string[]}
 */
export function splitIntoDeltas(text) {
  return text.match(/\s*\S+|\s+$/gu) ?? []
}

/**
 * A deterministic stand-in for a tokenizer: one token per started 4 characters (code points).
 * @param {string} text
 * @returns {number}
 */
export function estimateTokens(text) {
  return Math.ceil([...(text ?? '')].length / 4)
}

/**
 * Slices bytes into chunks of `size` bytes (the last may be shorter), ignoring event and UTF-8
 * character boundaries on purpose.
 * @param {Buffer} bytes
 * @param {number} size
 * @returns {Buffer[]}
 */
export function splitBytes(bytes, size) {
  if (!(size >= 1)) throw new RangeError(`splitEvery must be a positive number of bytes, got ${size}`)
  const chunks = []
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size))
  return chunks
}

/** The text of a message `content` that is a string or an array of `{ type, text }` parts. */
export function contentText(content) {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : ''))
    .join('')
}
