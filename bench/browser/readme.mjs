// Writes the table into README.md between the bench:browser markers, in the "Browser
// benchmark" subsection of "## Benchmarks" (both added if missing).
import { readFileSync, writeFileSync } from 'node:fs'

const start = '<!-- bench:browser:start -->'
const end = '<!-- bench:browser:end -->'

export function writeReadme(path, body) {
  let text = readFileSync(path, 'utf8')
  if (!text.includes(start) || !text.includes(end)) {
    const section = text.indexOf('\n## Benchmarks\n')
    if (section < 0) throw new Error(`${path} has no "## Benchmarks" section`)
    const next = text.indexOf('\n## ', section + 1)
    const at = next < 0 ? text.length : next
    const sub = text.slice(section, at).includes('\n### Browser benchmark\n') ? '' : '\n### Browser benchmark\n'
    text = `${text.slice(0, at).trimEnd()}\n${sub}\n${start}\n${end}\n${text.slice(at)}`
  }
  const from = text.indexOf(start) + start.length
  const to = text.indexOf(end)
  writeFileSync(path, `${text.slice(0, from)}\n${body.trim()}\n${text.slice(to)}`)
}
