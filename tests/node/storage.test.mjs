// The store as IndexedDB holds it: damaged bytes there surface as STORAGE_CORRUPT with a
// location, on every call of that instance, and nothing else stops working.
import 'fake-indexeddb/auto'
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { createCrux, StorageCorruptError } from '@crux/core'
import { rejectsWith, uniqueName } from './support.mjs'

const request = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })

/** Flips one byte in the middle of the first entry whose name matches `pattern`, directly in IndexedDB. */
async function flipByteIn(name, pattern) {
  const db = await request(indexedDB.open(`/crux/${name}`))
  try {
    const store = db.transaction('FILE_DATA', 'readwrite').objectStore('FILE_DATA')
    const keys = await request(store.getAllKeys())
    const key = keys.filter((k) => pattern.test(k.split('/').pop())).sort()[0]
    assert.ok(key, `an entry matching ${pattern} among ${keys.join(', ')}`)
    const entry = await request(store.get(key))
    const contents = new Uint8Array(entry.contents)
    contents[Math.floor(contents.length / 3)] ^= 0xff
    await request(store.put({ ...entry, contents }, key))
    return key.split('/').pop()
  } finally {
    db.close()
  }
}

const located = (entry) => new RegExp(`${entry.replaceAll('.', '\\.')} at byte \\d+`)

test('bytes flipped in a plan entry: opening is STORAGE_CORRUPT naming the entry and byte, on every call', async () => {
  const name = uniqueName('corrupt')
  const writer = createCrux({ name })
  const plans = []
  for (let i = 0; i < 20; i++) plans.push(await writer.plan({ title: `plan ${i}`, content: 'x'.repeat(200) }))
  await writer.close()

  const entry = await flipByteIn(name, /^p\./)
  const reader = createCrux({ name })
  const error = await rejectsWith(() => reader.ready(), 'STORAGE_CORRUPT', StorageCorruptError)
  assert.match(error.message, located(entry))
  await rejectsWith(() => reader.getPlan(plans[0].id), 'STORAGE_CORRUPT')
  await rejectsWith(() => reader.listFlows(), 'STORAGE_CORRUPT')
  await reader.close()

  const other = createCrux({ name: uniqueName('healthy') })
  const plan = await other.plan({ title: 'still fine' })
  assert.equal((await other.getPlan(plan.id)).title, 'still fine')
  await other.close()
})

test("bytes flipped in a run's journal: that run's calls are STORAGE_CORRUPT naming the entry; the rest of the store works", async () => {
  const name = uniqueName('corrupt-run')
  const writer = createCrux({ name })
  const def = writer.flow('two-steps', async (flow) => {
    await flow.step('a', () => 'x'.repeat(100))
    return flow.suspend('go')
  })
  const damaged = await def.start({}, { flowId: 'damaged' })
  const healthy = await def.start({}, { flowId: 'healthy' })
  for (const handle of [damaged, healthy]) {
    while ((await handle.status()).status !== 'suspended') await new Promise((resolve) => setTimeout(resolve, 5))
  }
  await writer.close()

  const entry = await flipByteIn(name, /^j\.damaged\.0000000002$/)
  const reader = createCrux({ name })
  await reader.ready()
  const error = await rejectsWith(() => reader.getFlow('damaged').history(), 'STORAGE_CORRUPT', StorageCorruptError)
  assert.match(error.message, located(entry))
  await rejectsWith(() => reader.getFlow('damaged').signal('go', 1), 'STORAGE_CORRUPT')
  assert.equal((await reader.getFlow('healthy').history()).length, 3)
  await reader.getFlow('healthy').signal('go', 1)
  assert.equal((await reader.getFlow('healthy').status()).status, 'running')
  await reader.close()
})

test("a closed run's status and listFlows read no journal: they answer though its early entries are damaged", async () => {
  const name = uniqueName('outcome')
  const writer = createCrux({ name })
  const def = writer.flow('large-steps', async (flow) => {
    // Over 8 MiB of journal: the closed run stays one entry per event instead of folding.
    for (let i = 0; i < 3; i++) await flow.step(`s${i}`, () => 'x'.repeat(3 * 1024 * 1024))
    return { done: true }
  })
  const handle = await def.start({}, { flowId: 'large' })
  assert.deepEqual(await handle.result(), { done: true })
  await writer.close()

  const entry = await flipByteIn(name, /^j\.large\.0000000002$/)
  const reader = createCrux({ name })
  const listed = await reader.listFlows()
  assert.deepEqual(listed.map(({ flowId, status }) => ({ flowId, status })), [{ flowId: 'large', status: 'completed' }])
  assert.equal('result' in listed[0], false, 'listFlows answers summaries')
  const status = await reader.getFlow('large').status()
  assert.deepEqual(status.result, { done: true })
  assert.deepEqual(await reader.getFlow('large').result(), { done: true })
  assert.deepEqual(reader.peekFlow('large'), status)
  // Starting it again answers from its summary: the existing run, its journal unread.
  const again = reader.flow('large-steps', async () => 'never runs')
  const restarted = await again.start({}, { flowId: 'large' })
  assert.equal(restarted.flowId, 'large')
  assert.deepEqual(await restarted.result(), { done: true })
  const error = await rejectsWith(() => reader.getFlow('large').history(), 'STORAGE_CORRUPT', StorageCorruptError)
  assert.match(error.message, located(entry))
  await reader.close()
})
