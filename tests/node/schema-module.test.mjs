// The JSON Schema validator is its own module, crux-schema.wasm, loaded the first time the engine
// meets a schema. Run against copies of @crux/core whose crux-schema.wasm is missing at first:
// flows without schemas never need it; a call that does fails with ENGINE_UNAVAILABLE alone,
// losing nothing; once the file is there, an interrupted run goes on by itself.
import 'fake-indexeddb/auto'
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { until, uniqueName } from './support.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const approvalSchema = { type: 'object', properties: { approved: { type: 'boolean' } }, required: ['approved'] }

const copies = []

/** A copy of @crux/core without dist/crux-schema.wasm, as its own modules (a page of its own). */
async function coreWithoutValidator() {
  // Inside the repository, so that the copy resolves fake-indexeddb from its node_modules.
  const copy = mkdtempSync(join(root, 'build', 'schema-module-test-'))
  copies.push(copy)
  for (const part of ['package.json', 'src', 'dist']) cpSync(join(root, 'js/core', part), join(copy, part), { recursive: true })
  renameSync(join(copy, 'dist/crux-schema.wasm'), join(copy, 'dist/crux-schema.wasm.away'))
  const core = await import(pathToFileURL(join(copy, 'src/index.js')).href)
  return { core, putBack: () => renameSync(join(copy, 'dist/crux-schema.wasm.away'), join(copy, 'dist/crux-schema.wasm')) }
}

after(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true })
})

test('without crux-schema.wasm: flows without schemas run, calls that validate fail alone with ENGINE_UNAVAILABLE, and the run goes on once it loads', async () => {
  const { core, putBack } = await coreWithoutValidator()
  const crux = core.createCrux({ name: uniqueName('schema-module') })
  try {
    const plain = crux.flow('plain', async (flow) => {
      const a = await flow.step('a', () => 1)
      await flow.suspend('go')
      return a + 1
    })
    const approval = crux.flow('approval', async (flow) => {
      const draft = await flow.step('draft', () => 'a draft')
      const { approved } = await flow.suspend('approve', { schema: approvalSchema })
      return { draft, approved }
    })
    const typed = crux.flow('typed', { input: { type: 'string' } }, async (flow) => flow.input)

    // No schema anywhere: the validator is never needed.
    const first = await plain.start()
    await until(async () => (await first.status()).status === 'suspended', { message: 'plain to suspend' })
    await first.signal('go', null)
    assert.equal(await first.result(), 2)

    // A flow's declared input is checked by the validator: refused, and no run is started.
    const before = (await crux.listFlows()).length
    await assert.rejects(typed.start('hello'), (error) => {
      assert.ok(error instanceof core.EngineUnavailableError, `${error.name}: ${error.message}`)
      assert.equal(error.code, 'ENGINE_UNAVAILABLE')
      assert.match(error.message, /crux-schema\.wasm/)
      return true
    })
    assert.equal((await crux.listFlows()).length, before)

    // A suspend with a schema: its pass stops before recording the wait, as after a storage failure.
    const run = await approval.start()
    await until(async () => (await run.history()).some((event) => event.type === 'step-completed'), { message: 'the draft step' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const stopped = await run.status()
    assert.equal(stopped.status, 'running', 'the run is neither failed nor parked while the validator is missing')
    assert.ok(!(await run.history()).some((event) => event.type === 'suspended'), 'no wait was recorded')

    // The module keeps working meanwhile.
    const second = await plain.start()
    await until(async () => (await second.status()).status === 'suspended', { message: 'a second plain run to suspend' })

    // The file comes back (the network again): the retry timer drives the run on.
    putBack()
    await until(async () => (await run.status()).status === 'suspended', { timeout: 10_000, message: 'the approval run to suspend' })
    await assert.rejects(run.signal('approve', { approved: 'yes' }), (error) => error.code === 'SIGNAL_INVALID' && /approved/.test(error.message))
    await run.signal('approve', { approved: true })
    assert.deepEqual(await run.result(), { draft: 'a draft', approved: true })
    assert.equal(await typed.start('hello').then((handle) => handle.result()), 'hello')
  } finally {
    await crux.close()
  }
})

test('a signal to a run parked on a schema, without crux-schema.wasm: ENGINE_UNAVAILABLE and nothing recorded; it goes through once the file is there', async () => {
  const name = uniqueName('schema-signal')
  const parked = (flow) => flow.suspend('approve', { schema: approvalSchema }).then((answer) => answer.approved)
  const real = await import('@crux/core')
  const first = real.createCrux({ name })
  const run = await first.flow('approval', parked).start()
  await until(async () => (await run.status()).status === 'suspended', { message: 'the run to park' })
  await first.close()

  const { core, putBack } = await coreWithoutValidator()
  const crux = core.createCrux({ name })
  try {
    crux.flow('approval', parked)
    const handle = crux.getFlow(run.flowId)
    const recorded = (await handle.history()).length
    await assert.rejects(handle.signal('approve', { approved: true }), (error) => {
      assert.equal(error.code, 'ENGINE_UNAVAILABLE', `${error.name}: ${error.message}`)
      assert.match(error.message, /crux-schema\.wasm/)
      return true
    })
    assert.equal((await handle.history()).length, recorded, 'the refused signal recorded nothing')
    assert.equal((await handle.status()).status, 'suspended')

    putBack()
    await new Promise((resolve) => setTimeout(resolve, 600)) // the instance tries again 0.5 s after a failure
    await assert.rejects(handle.signal('approve', { approved: 'yes' }), (error) => error.code === 'SIGNAL_INVALID')
    await handle.signal('approve', { approved: true })
    assert.equal(await handle.result(), true)
  } finally {
    await crux.close()
  }
})
