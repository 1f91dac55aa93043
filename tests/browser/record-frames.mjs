// Where the records of a store segment file lie, so that a test can damage a chosen one. A
// record is framed as DESIGN's storage format says (src/store/record_codec.cpp): the magic
// "CRX1", the payload length (u32, little-endian), a CRC-32 of the payload, then the payload.

const HEADER_BYTES = 12

/**
 * The records of an undamaged segment, in order: `{ offset, size, payloadOffset }`.
 * @param {ArrayLike<number>} bytes
 */
export function recordFrames(bytes) {
  const frames = []
  for (let offset = 0; offset < bytes.length;) {
    const magic = String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3])
    if (magic !== 'CRX1') throw new Error(`no record at byte ${offset}`)
    const payload = (bytes[offset + 4] | (bytes[offset + 5] << 8) | (bytes[offset + 6] << 16) | (bytes[offset + 7] << 24)) >>> 0
    frames.push({ offset, size: HEADER_BYTES + payload, payloadOffset: offset + HEADER_BYTES })
    offset += HEADER_BYTES + payload
  }
  return frames
}
