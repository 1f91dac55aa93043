// The size bar (scripts/check-size.mjs, run by `npm test`): the committed budget holds, a build
// more than 5% over its budget fails the check, naming the build, and so does one over its ceiling.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { run, describeRun } from '../support/npm.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const check = join(root, 'scripts/check-size.mjs')
const committed = JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8'))
const gzipped = (files) => files.reduce((sum, file) => sum + gzipSync(readFileSync(join(root, file)), { level: 9 }).length, 0)

function checkWith(budget) {
  const dir = mkdtempSync(join(tmpdir(), 'crux-size-'))
  try {
    writeFileSync(join(dir, 'budget.json'), JSON.stringify(budget))
    return run(process.execPath, [check, join(dir, 'budget.json')], { cwd: root })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('the builds fit the committed size budget', () => {
  const out = run(process.execPath, [check], { cwd: root })
  assert.equal(out.code, 0, describeRun('check-size', out))
  assert.match(out.stdout, /@crux\/core: [\d.]+ KiB gzipped/)
})

test('a build 5% over its budget fails the check, and one just within passes', () => {
  const core = committed.builds['@crux/core']
  const size = gzipped(core.files)
  const within = checkWith({ tolerance: 0.05, builds: { '@crux/core': { ...core, gzipBytes: Math.ceil(size / 1.05) + 1 } } })
  assert.equal(within.code, 0, describeRun('check-size within', within))
  const over = checkWith({ tolerance: 0.05, builds: { '@crux/core': { ...core, gzipBytes: Math.floor(size / 1.06) } } })
  assert.equal(over.code, 1, describeRun('check-size over', over))
  assert.match(over.stderr, /@crux\/core is [\d.]+ KiB gzipped, over its budget/)
})

test("@crux/core's ceiling is 100 KiB, and a build over its ceiling fails though within its budget", () => {
  const core = committed.builds['@crux/core']
  assert.equal(core.maxGzipBytes, 100 * 1024)
  const size = gzipped(core.files)
  const under = checkWith({ tolerance: 0.05, builds: { '@crux/core': { ...core, gzipBytes: size, maxGzipBytes: size } } })
  assert.equal(under.code, 0, describeRun('check-size at the ceiling', under))
  const over = checkWith({ tolerance: 0.05, builds: { '@crux/core': { ...core, gzipBytes: size, maxGzipBytes: size - 1 } } })
  assert.equal(over.code, 1, describeRun('check-size over the ceiling', over))
  assert.match(over.stderr, /@crux\/core is [\d.]+ KiB gzipped \(\d+ bytes\), over its ceiling/)
})
