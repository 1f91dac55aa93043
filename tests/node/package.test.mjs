// The packed @crux/core as a user gets it: `npm pack` the workspace package, check what the
// tarball holds, install it offline into a fresh directory outside the repository, and run a
// consumer script there that imports the package by name (a flow with a suspend and a signal,
// on an isolated memory instance and on the default instance, plus a plan); then @crux/ai packed
// and installed beside it, generating with the offline model.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { npm, run, describeRun } from '../support/npm.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

let work // temp directory: the tarball and the consumer app
let tarball

before(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'crux-pack-')))
})

after(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

test('npm pack gives a tarball with the WASM build, the sources and the declarations, and no tests', () => {
  const packed = run(npm, ['pack', '--workspace', 'js/core', '--pack-destination', work, '--json'], { cwd: root })
  assert.equal(packed.code, 0, describeRun('npm pack', packed))
  const [info] = JSON.parse(packed.stdout)
  assert.equal(info.name, '@crux/core')
  tarball = join(work, info.filename)

  const listed = run('tar', ['-tzf', tarball])
  assert.equal(listed.code, 0, describeRun('tar -tzf', listed))
  const entries = listed.stdout.split('\n').filter(Boolean).sort()

  for (const required of [
    'package/package.json',
    'package/dist/crux.wasm',
    'package/dist/crux.mjs',
    'package/dist/crux-schema.wasm',
    'package/dist/crux-schema.mjs',
    'package/src/index.js',
    'package/src/flow.js',
    'package/src/plan.js',
    'package/src/wasm-node.js',
    'package/src/wasm-web.js',
    'package/src/index.d.ts',
    'package/src/flow.d.ts',
    'package/src/plan.d.ts',
    'package/src/types.d.ts',
    'package/src/errors.d.ts',
    'package/src/schema.d.ts',
  ]) {
    assert.ok(entries.includes(required), `${required} is missing from the tarball:\n${entries.join('\n')}`)
  }
  // Every declaration in the source tree ships, and every file the `exports` map names exists.
  for (const file of readdirSync(join(root, 'js/core/src')).filter((f) => f.endsWith('.d.ts'))) {
    assert.ok(entries.includes(`package/src/${file}`), `src/${file} is missing from the tarball`)
  }
  const manifest = JSON.parse(readFileSync(join(root, 'js/core/package.json'), 'utf8'))
  const targets = []
  const collect = (value) => {
    if (typeof value === 'string') targets.push(value)
    else if (value && typeof value === 'object') Object.values(value).forEach(collect)
  }
  collect(manifest.exports)
  collect(manifest.imports)
  for (const target of targets) {
    const entry = `package/${target.replace(/^\.\//, '')}`
    assert.ok(entries.includes(entry), `${target} (named by exports/imports) is missing from the tarball`)
  }

  const strays = entries.filter((e) => /(^|\/)(tests?|__tests__)\/|\.test\.|\.spec\.|\.map$|\.tgz$|(^|\/)node_modules\//.test(e))
  assert.deepEqual(strays, [], `test files or other strays in the tarball:\n${strays.join('\n')}`)
  const outside = entries.filter((e) => !/^package\/(src\/|dist\/|package\.json$|README(\.md)?$|LICENSE(\.md)?$)/.test(e))
  assert.deepEqual(outside, [], `unexpected files in the tarball:\n${outside.join('\n')}`)
})

const consumer = `
import { createRequire } from 'node:module'
import { createCrux, CruxError, SignalInvalidError } from '@crux/core'
import { flow, signalFlow, getFlow, listFlows } from '@crux/core/flow'
import { plan, updatePlan, getPlan } from '@crux/core/plan'

const warnings = []
const warn = console.warn
console.warn = (...args) => { warnings.push(args.join(' ')); warn(...args) }

const approvalSchema = {
  type: 'object',
  properties: { approved: { type: 'boolean' }, revisions: { type: 'string' } },
  required: ['approved'],
  additionalProperties: false,
}
const body = async (flow) => {
  const draft = await flow.step('draft', async () => 'plan for ' + flow.input.brief)
  const approval = await flow.suspend('await-approval', { schema: approvalSchema, timeout: '7d' })
  if (!approval.approved) return { status: 'rejected', draft }
  const done = await flow.step('execute', async () => 'done: ' + draft + ' / ' + (approval.revisions ?? 'none'))
  return { status: 'approved', done }
}

async function until(what, predicate) {
  const deadline = Date.now() + 5000
  for (;;) {
    const value = await predicate()
    if (value) return value
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what)
    await new Promise((r) => setTimeout(r, 5))
  }
}

const out = {
  resolved: {
    core: import.meta.resolve('@crux/core'),
    flow: import.meta.resolve('@crux/core/flow'),
    plan: import.meta.resolve('@crux/core/plan'),
    wasm: import.meta.resolve('@crux/core/dist/crux.wasm'),
  },
}

// An isolated memory instance.
const crux = createCrux({ name: 'packed', storage: 'memory' })
const def = crux.flow('writer', body)
const handle = await def.start({ brief: 'launch' }, { flowId: 'run-1' })
const suspended = await until('the isolated run to suspend', async () => {
  const s = await handle.status()
  return s.status === 'suspended' ? s : false
})
let invalid
try {
  await handle.signal('await-approval', { approved: 'yes' })
} catch (error) {
  invalid = { isCrux: error instanceof CruxError, isSignalInvalid: error instanceof SignalInvalidError, code: error.code }
}
await crux.signalFlow('run-1', 'await-approval', { approved: true, revisions: 'shorter' })
out.isolated = {
  waitingFor: suspended.waitingFor,
  invalid,
  result: await handle.result(),
  history: (await handle.history()).map((e) => e.type),
  again: (await def.start({ brief: 'ignored' }, { flowId: 'run-1' })).flowId,
}
await crux.close()

// The default instance behind the module-level functions (memory in plain Node, with a warning).
const writer = flow('writer', body)
const run = await writer.start({ brief: 'default' })
await until('the default run to suspend', async () => (await run.status()).status === 'suspended')
const p = await plan({ title: 'Launch', content: 'plan for default', metadata: { status: 'draft', flowId: run.flowId } })
await updatePlan(p.id, { metadata: { status: 'rejected' } })
await signalFlow(run.flowId, 'await-approval', { approved: false })
out.defaultInstance = {
  result: await getFlow(run.flowId).result(),
  statuses: (await listFlows({ name: 'writer' })).map((s) => s.status),
  plan: await getPlan(p.id).then((x) => ({ title: x.title, status: x.metadata.status, version: x.version })),
}
out.warnings = warnings
console.log('RESULT ' + JSON.stringify(out))
`

test('the installed tarball works from a fresh project by package name', { timeout: 60_000 }, () => {
  assert.ok(tarball, 'npm pack did not run (see the previous test)')
  const app = join(work, 'app')
  rmSync(app, { recursive: true, force: true })
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'crux-consumer', private: true, type: 'module' }) + '\n')

  let installed = run(npm, ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app })
  if (installed.code !== 0) {
    // @crux/core has no runtime dependencies, so offline should do; fall back to the registry.
    installed = run(npm, ['install', '--no-audit', '--no-fund', tarball], { cwd: app })
  }
  assert.equal(installed.code, 0, describeRun('npm install <tarball>', installed))
  const installedManifest = JSON.parse(readFileSync(join(app, 'node_modules/@crux/core/package.json'), 'utf8'))
  assert.equal(installedManifest.name, '@crux/core')
  assert.deepEqual(
    readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.')),
    ['@crux'],
    'installing @crux/core pulled in other packages',
  )

  writeFileSync(join(app, 'consumer.mjs'), consumer)
  const started = Date.now()
  const ran = run(process.execPath, ['consumer.mjs'], { cwd: app, timeout: 20_000 })
  const elapsed = Date.now() - started
  assert.equal(ran.code, 0, describeRun('node consumer.mjs', ran))
  const line = ran.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  assert.ok(line, describeRun('node consumer.mjs printed no RESULT line;', ran))
  const out = JSON.parse(line.slice('RESULT '.length))

  // Imports by name resolve to the installed copy, not the workspace.
  const installedRoot = `file://${join(app, 'node_modules/@crux/core')}/`
  assert.equal(out.resolved.core, `${installedRoot}src/index.js`)
  assert.equal(out.resolved.flow, `${installedRoot}src/flow.js`)
  assert.equal(out.resolved.plan, `${installedRoot}src/plan.js`)
  assert.equal(out.resolved.wasm, `${installedRoot}dist/crux.wasm`)

  assert.deepEqual(out.isolated, {
    waitingFor: 'await-approval',
    invalid: { isCrux: true, isSignalInvalid: true, code: 'SIGNAL_INVALID' },
    result: { status: 'approved', done: 'done: plan for launch / shorter' },
    history: ['started', 'step-completed', 'suspended', 'signaled', 'resumed', 'step-completed', 'completed'],
    again: 'run-1',
  })
  assert.deepEqual(out.defaultInstance, {
    result: { status: 'rejected', draft: 'plan for default' },
    statuses: ['completed'],
    plan: { title: 'Launch', status: 'rejected', version: 2 },
  })

  // The default instance falls back to memory with one warning, and only one.
  const warning = /^\[crux\] no IndexedDB here/
  assert.equal(out.warnings.length, 1, `expected one warning, got ${JSON.stringify(out.warnings)}`)
  assert.match(out.warnings[0], warning)
  assert.equal(ran.stderr.split('\n').filter((l) => warning.test(l)).length, 1, describeRun('stderr', ran))
  // Nothing keeps the process alive once the work is done (the run exited on its own).
  assert.ok(elapsed < 20_000, `the consumer took ${elapsed} ms`)
})

const aiConsumer = `
import { generate } from '@crux/ai'
import { offline } from '@crux/ai/offline'
import { openai } from '@crux/ai/openai'
import { createCrux } from '@crux/core'

const crux = createCrux({ name: 'ai-consumer', storage: 'memory' })
const writer = crux.flow('writer', async (flow) => {
  const draft = await flow.step('draft', async () => (await generate('Plan for: {{brief}}', { model: offline({ delayMs: 0 }), input: { brief: flow.input.brief } })).text)
  return draft.split('\\n')[0]
})
const tokens = []
await generate('Plan for: {{x}}', { model: offline({ delayMs: 0 }), input: { x: 'y' }, onToken: (t) => tokens.push(t) })
let refused
try { await generate('{{missing}}', { model: openai('gpt-4o', { apiKey: 'k' }) }) } catch (error) { refused = error.code }
const heading = await (await writer.start({ brief: 'the packed tarball' })).result()
console.log('RESULT ' + JSON.stringify({
  heading, streamed: tokens.length > 10, refused,
  resolved: import.meta.resolve('@crux/ai'),
}))
await crux.close()
`

test('the packed @crux/ai installs beside @crux/core and generates offline in a fresh project', { timeout: 60_000 }, () => {
  assert.ok(tarball, 'npm pack did not run (see the first test)')
  const packed = run(npm, ['pack', '--workspace', 'js/ai', '--pack-destination', work, '--json'], { cwd: root })
  assert.equal(packed.code, 0, describeRun('npm pack js/ai', packed))
  const [info] = JSON.parse(packed.stdout)
  assert.equal(info.name, '@crux/ai')
  const files = info.files.map((f) => f.path).sort()
  for (const entry of ['package.json', 'src/index.js', 'src/index.d.ts', 'src/openai.js', 'src/anthropic.js', 'src/offline.js', 'src/generate.js']) {
    assert.ok(files.includes(entry), `${entry} is missing from the @crux/ai tarball:\n${files.join('\n')}`)
  }

  const app = join(work, 'ai-app')
  rmSync(app, { recursive: true, force: true })
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'crux-ai-consumer', private: true, type: 'module' }) + '\n')
  const installed = run(npm, ['install', '--no-audit', '--no-fund', '--offline', tarball, join(work, info.filename)], { cwd: app })
  assert.equal(installed.code, 0, describeRun('npm install <core> <ai>', installed))
  writeFileSync(join(app, 'consumer.mjs'), aiConsumer)
  const ran = run(process.execPath, ['consumer.mjs'], { cwd: app, timeout: 20_000 })
  assert.equal(ran.code, 0, describeRun('node consumer.mjs', ran))
  const line = ran.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  assert.ok(line, describeRun('node consumer.mjs printed no RESULT line;', ran))
  assert.deepEqual(JSON.parse(line.slice('RESULT '.length)), {
    heading: '# Plan: the packed tarball',
    streamed: true,
    refused: 'INVALID_ARGUMENT',
    resolved: `file://${join(app, 'node_modules/@crux/ai')}/src/index.js`,
  })
})
