// Entries cross into the engine as one list of names and lengths beside one byte buffer
// (src/engine/door.hpp), so that their bytes are copied once, not once per entry.

/**
 * @param {{ name: string, contents: Uint8Array }[]} entries
 * @returns {{ layout: string, bytes: Uint8Array }}
 */
export function packEntries(entries) {
  let total = 0
  for (const entry of entries) total += entry.contents.byteLength
  const bytes = new Uint8Array(total)
  const layout = []
  let at = 0
  for (const { name, contents } of entries) {
    bytes.set(contents, at)
    at += contents.byteLength
    layout.push([name, contents.byteLength])
  }
  return { layout: JSON.stringify(layout), bytes }
}

/** The upper bound of the names starting with `prefix`: the prefix with its last character one higher. */
export function prefixEnd(prefix) {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
}

/** The prefixes of the entries a store opens with: the index snapshot, the run summaries and plans written since, and version-1 files. */
export const INDEX_PREFIXES = ['i.', 'r.', 'p.', 'seg-', 'snap-']
