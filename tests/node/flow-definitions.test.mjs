// Flow definitions: a declared input checked by the engine when a run starts (refused inputs
// record nothing), what registering a name again does, and the default instance on a server
// (registering a flow creates and logs nothing until something is called).
import { describe, test, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { z } from 'zod'

import { createCrux, InvalidArgumentError } from '@crux/core'
import { rejectsWith, settle, uniqueName } from './support.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

const crux = createCrux({ name: uniqueName('definitions'), storage: 'memory' })
after(() => crux.close())

/** The runs of flow `name` recorded so far. */
const runsOf = async (name) => (await crux.listFlows({ name })).length

describe('a declared input', () => {
  const briefSchema = z.object({ title: z.string(), brief: z.string().min(1) })

  test('a matching input starts the run; the body reads it', async () => {
    const name = uniqueName('writer')
    const writer = crux.flow(name, { input: briefSchema }, async (flow) => `${flow.input.title}: ${flow.input.brief}`)
    const handle = await writer.start({ title: 'Launch', brief: 'a post' })
    assert.equal(await handle.result(), 'Launch: a post')
  })

  test('a wrong input is INVALID_ARGUMENT naming each failing path, and nothing is recorded', async () => {
    const name = uniqueName('writer')
    let bodies = 0
    const writer = crux.flow(name, { input: briefSchema }, async () => ++bodies)
    const error = await rejectsWith(() => writer.start({ title: 5, breif: 'typo' }), 'INVALID_ARGUMENT', InvalidArgumentError)
    assert.match(error.message, new RegExp(`input of flow "${name}" does not match its declared schema`))
    assert.match(error.message, /\/title/)
    assert.match(error.message, /no run was started/)
    const paths = error.details.map((failure) => failure.path)
    assert.ok(paths.includes('/title'), JSON.stringify(error.details))
    assert.ok(error.details.every((failure) => typeof failure.message === 'string' && failure.message.length > 0))
    assert.equal(await runsOf(name), 0)
    assert.equal(bodies, 0)
  })

  test('start() without an input is refused before the body runs (no TypeError inside it)', async () => {
    const name = uniqueName('writer')
    let bodies = 0
    const writer = crux.flow(name, { input: briefSchema }, async (flow) => {
      bodies += 1
      return flow.input.brief.length
    })
    const error = await rejectsWith(() => writer.start(), 'INVALID_ARGUMENT', InvalidArgumentError)
    assert.match(error.message, /\(root\)/)
    await settle()
    assert.equal(await runsOf(name), 0)
    assert.equal(bodies, 0)
  })

  test('a JSON Schema object is checked by the engine alone', async () => {
    const name = uniqueName('json')
    const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'], additionalProperties: false }
    const doubler = crux.flow(name, { input: schema }, async (flow) => flow.input.n * 2)
    assert.equal(await (await doubler.start({ n: 4 })).result(), 8)
    const error = await rejectsWith(() => doubler.start({ n: 0, extra: true }), 'INVALID_ARGUMENT', InvalidArgumentError)
    assert.ok(error.details.some((failure) => failure.path === '/n'), JSON.stringify(error.details))
    assert.equal(await runsOf(name), 1)
  })

  test('checks no JSON Schema can express run in the Standard Schema; its output is the recorded input', async () => {
    const name = uniqueName('refined')
    const schema = z.object({ title: z.string().refine((title) => title.trim() !== '', 'a title is not blank'), pages: z.number().default(1) })
    const pages = crux.flow(name, { input: schema }, async (flow) => flow.input)
    const error = await rejectsWith(() => pages.start({ title: '   ' }), 'INVALID_ARGUMENT', InvalidArgumentError)
    assert.deepEqual(error.details, [{ path: '/title', message: 'a title is not blank' }])
    assert.equal(await runsOf(name), 0)
    const handle = await pages.start({ title: 'Launch' })
    assert.deepEqual(await handle.result(), { title: 'Launch', pages: 1 })
    const [started] = await handle.history()
    assert.equal(started.type, 'started')
  })

  test('the two-argument form takes any input, as before', async () => {
    const name = uniqueName('plain')
    const echo = crux.flow(name, async (flow) => flow.input ?? 'nothing')
    assert.equal(await (await echo.start()).result(), 'nothing')
    assert.deepEqual(await (await echo.start({ any: ['thing'] })).result(), { any: ['thing'] })
  })

  test('bad options are INVALID_ARGUMENT when the flow is registered', async () => {
    const name = uniqueName('bad')
    assert.throws(() => crux.flow(name, { inputs: briefSchema }, async () => 1), (error) => error instanceof InvalidArgumentError && /unknown option "inputs"/.test(error.message))
    assert.throws(() => crux.flow(name, { input: 'object' }, async () => 1), (error) => error instanceof InvalidArgumentError && /input option/.test(error.message))
    assert.throws(() => crux.flow(name, { input: briefSchema }), (error) => error instanceof InvalidArgumentError && /body after its options/.test(error.message))
    assert.throws(() => crux.flow(name), (error) => error instanceof InvalidArgumentError && /needs an async function body/.test(error.message))
    const broken = crux.flow(name, { input: { type: 5 } }, async () => 1)
    const error = await rejectsWith(() => broken.start({}), 'INVALID_ARGUMENT', InvalidArgumentError)
    assert.match(error.message, /input schema of flow ".*" is not a valid schema/)
  })
})

describe('registering a name again', () => {
  let warnings
  const warn = console.warn
  before(() => {
    console.warn = (...args) => warnings.push(args.join(' '))
  })
  after(() => {
    console.warn = warn
  })

  test('replaces the definition for every run of the name, the first definition object included; the same module is quiet', async () => {
    warnings = []
    const name = uniqueName('replaced')
    const register = (version) => crux.flow(name, async () => version)
    const first = register('first')
    const second = register('second')
    assert.equal(await (await first.start()).result(), 'second')
    assert.equal(await (await second.start()).result(), 'second')
    assert.deepEqual(warnings, [])
  })

  test('from another module: a warning names both modules', async () => {
    warnings = []
    const name = uniqueName('clash')
    const dir = mkdtempSync(join(tmpdir(), 'crux-clash-'))
    try {
      const other = join(dir, 'other-flows.mjs')
      writeFileSync(other, 'export default (crux, name) => crux.flow(name, async () => "other")\n')
      const mine = crux.flow(name, async () => 'mine')
      const registerOther = (await import(pathToFileURL(other).href)).default
      registerOther(crux, name)
      assert.equal(warnings.length, 1, JSON.stringify(warnings))
      assert.match(warnings[0], new RegExp(`flow "${name}" was registered again from another module`))
      assert.ok(warnings[0].includes(fileURLToPath(import.meta.url)) || warnings[0].includes(import.meta.url), warnings[0])
      assert.ok(warnings[0].includes('other-flows.mjs'), warnings[0])
      assert.equal(await (await mine.start()).result(), 'other')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the default instance on a server', () => {
  /** Runs `source` as an ES module in a fresh Node process without IndexedDB; its output. */
  function runServerScript(source) {
    const dir = mkdtempSync(join(root, 'build', 'server-script-'))
    try {
      const file = join(dir, 'script.mjs')
      writeFileSync(file, source)
      const run = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 60_000 })
      return { code: run.status, stdout: run.stdout, stderr: run.stderr }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  test('registering a flow creates nothing and logs nothing; the first call does, with a message for a server', () => {
    const { code, stdout, stderr } = runServerScript(`
      let compiled = 0
      const compile = WebAssembly.compile
      WebAssembly.compile = (...args) => { compiled += 1; return compile(...args) }
      const { flow } = await import('@crux/core/flow')
      const writer = flow('server-flow', { input: { type: 'object', required: ['brief'] } }, async (flow) => 'done: ' + flow.input.brief)
      await new Promise((resolve) => setTimeout(resolve, 100))
      console.log('before call: compiled=' + compiled)
      const handle = await writer.start({ brief: 'on a server' })
      console.log('result: ' + await handle.result())
      const { closeDefaultCrux } = await import('@crux/core')
      await closeDefaultCrux()
    `)
    assert.equal(code, 0, stderr)
    const lines = stdout.trim().split('\n')
    assert.deepEqual(lines, ['before call: compiled=0', 'result: done: on a server'], stdout)
    const warnings = stderr.trim().split('\n').filter(Boolean)
    assert.equal(warnings.length, 1, stderr)
    assert.match(warnings[0], /no IndexedDB here \(a server or plain Node\)/)
  })

  test('createCrux() and crux.flow() in a module a server evaluates load nothing; a call says why it cannot work there', () => {
    const { code, stdout, stderr } = runServerScript(`
      let compiled = 0
      const compile = WebAssembly.compile
      WebAssembly.compile = (...args) => { compiled += 1; return compile(...args) }
      const { createCrux } = await import('@crux/core')
      const crux = createCrux({ name: 'app' })
      crux.flow('client-flow', async () => 1)
      await new Promise((resolve) => setTimeout(resolve, 100))
      console.log('compiled=' + compiled)
      const error = await crux.ready().catch((error) => error)
      console.log(error.code + ': ' + error.message)
    `)
    assert.equal(code, 0, stderr)
    assert.deepEqual(stdout.trim().split('\n'), ['compiled=0', 'STORAGE_UNAVAILABLE: IndexedDB is not available here'])
    assert.equal(stderr, '')
  })

  test('server rendering with the hooks and no provider creates no instance and logs nothing', () => {
    const { code, stdout, stderr } = runServerScript(`
      let compiled = 0
      const compile = WebAssembly.compile
      WebAssembly.compile = (...args) => { compiled += 1; return compile(...args) }
      const { createElement: h } = await import('react')
      const { renderToString } = await import('react-dom/server')
      const { usePlan, usePlanState, usePlans, useFlow } = await import('@crux/react')
      const { flow } = await import('@crux/core/flow')
      flow('ssr-flow', async () => 1)
      function Page() {
        const plan = usePlan('plan_1')
        const state = usePlanState('plan_1')
        const plans = usePlans()
        const run = useFlow('run_1')
        return h('p', null, [plan ? 'plan' : 'Loading...', state.status, String(plans), String(run)].join(' '))
      }
      console.log(renderToString(h(Page)))
      await new Promise((resolve) => setTimeout(resolve, 100))
      console.log('compiled=' + compiled)
    `)
    assert.equal(code, 0, stderr)
    assert.deepEqual(stdout.trim().split('\n'), ['<p>Loading... loading undefined undefined</p>', 'compiled=0'])
    assert.equal(stderr, '')
  })
})
