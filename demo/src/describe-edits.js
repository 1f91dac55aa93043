// What a person changed in a plan before approving it, in a few words: the execute prompt's
// "Revisions" line. Compares the plan's lines by their step titles ("8. **Thank the testers** —
// name each" is "Thank the testers"), so a reworded detail counts as a changed step.

const shown = 3

/** A plan line as a short label: list markers, headings, bold markers and the detail after " — " removed. */
function label(line) {
  return line
    .replace(/^\s*(?:#{1,6}\s+|[-*]\s+|\d+\.\s+)/, '')
    .replaceAll('**', '')
    .split(' — ')[0]
    .trim()
}

/** The lines of `a` that `b` lacks, counted as a multiset. */
function missing(a, b) {
  const left = new Map()
  for (const line of b) left.set(line, (left.get(line) ?? 0) + 1)
  return a.filter((line) => {
    const n = left.get(line) ?? 0
    if (n === 0) return true
    left.set(line, n - 1)
    return false
  })
}

function list(labels) {
  const quoted = labels.slice(0, shown).map((l) => `“${l}”`)
  const more = labels.length - shown
  return quoted.join(', ') + (more > 0 ? ` and ${more} more` : '')
}

/**
 * "Added “Thank the beta testers”; removed “Revise”." — or 'none' when the edit changed no line.
 * @param {string} before the plan as drafted
 * @param {string} after the plan as the person approved it
 */
export function describeEdits(before, after) {
  const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean)
  const added = missing(lines(after), lines(before)).map(label).filter(Boolean)
  const removed = missing(lines(before), lines(after)).map(label).filter(Boolean)
  const parts = []
  if (added.length) parts.push(`added ${list(added)}`)
  if (removed.length) parts.push(`removed ${list(removed)}`)
  if (parts.length === 0) return 'none'
  const sentence = parts.join('; ')
  return sentence[0].toUpperCase() + sentence.slice(1) + '.'
}
