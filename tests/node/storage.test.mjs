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

/** Flips one byte in the middle of the first segment file, directly in IndexedDB. */
async function flipByteInFirstSegment(name) {
  const db = await request(indexedDB.open(`/crux/${name}`))
  try {
    const store = db.transaction('FILE_DATA', 'readwrite').objectStore('FILE_DATA')
    const keys = await request(store.getAllKeys())
    const segment = keys.filter((key) => /\/seg-\d+\.log$/.test(key)).sort()[0]
    assert.ok(segment, `a segment among ${keys.join(', ')}`)
    const entry = await request(store.get(segment))
    const contents = new Uint8Array(entry.contents)
    contents[Math.floor(contents.length / 3)] ^= 0xff
    await request(store.put({ ...entry, contents }, segment))
    return segment.split('/').pop()
  } finally {
    db.close()
  }
}

test('bytes flipped in IndexedDB give STORAGE_CORRUPT with a location, not a crash', async () => {
  const name = uniqueName('corrupt')
  const writer = createCrux({ name })
  const plans = []
  for (let i = 0; i < 20; i++) plans.push(await writer.plan({ title: `plan ${i}`, content: 'x'.repeat(200) }))
  await writer.close()

  const segment = await flipByteInFirstSegment(name)
  const reader = createCrux({ name })
  const error = await rejectsWith(() => reader.ready(), 'STORAGE_CORRUPT', StorageCorruptError)
  assert.match(error.message, new RegExp(`${segment.replace('.', '\\.')} at byte \\d+`))
  await rejectsWith(() => reader.getPlan(plans[0].id), 'STORAGE_CORRUPT')
  await rejectsWith(() => reader.listFlows(), 'STORAGE_CORRUPT')
  await reader.close()

  const other = createCrux({ name: uniqueName('healthy') })
  const plan = await other.plan({ title: 'still fine' })
  assert.equal((await other.getPlan(plan.id)).title, 'still fine')
  await other.close()
})
