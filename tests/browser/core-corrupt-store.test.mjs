// A store damaged in IndexedDB, in real Chromium. Every entry is written whole, so a flipped byte
// is corruption wherever it is: in an entry the store opens with (a plan), every call of the
// instance rejects with STORAGE_CORRUPT naming the entry and the byte, and the stored bytes stay
// as they were; in a run's journal, only what reads that run fails, and the rest goes on.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useServedApp } from './served-app.mjs'
import { callCrux, corePageRoot, openCorePage } from './core-page-driver.mjs'
import { deleteStore, flipByte, openBlankPage, readStoreFiles } from './store-files.mjs'
import { recordFrames } from './record-frames.mjs'
import { poll } from './poll.mjs'

const app = useServedApp(corePageRoot)
const store = 'default' // core-page uses the default instance

async function openPage() {
  const page = await app.browser.newPage()
  await openCorePage(page, app.server.url)
  return page
}

/**
 * From an empty store: a run suspended on 'approve' with its plan, then a second plan. Returns
 * the ids and the store's entries as stored.
 */
async function writeStore() {
  const blank = await openBlankPage(app.browser, app.server.url)
  await deleteStore(blank, store)
  const page = await openPage()
  const flowId = await page.evaluate(() => window.crux.start('launch'))
  await poll('the run to suspend', () => page.evaluate((id) => window.crux.status(id), flowId), (s) => s.status === 'suspended')
  const extra = await page.evaluate(() => window.crux.plan({ title: 'extra', content: 'written last' }))
  await page.close()
  const files = await readStoreFiles(blank, store)
  return { blank, flowId, extraId: extra.id, files }
}

/** The byte in the middle of an entry's first record's checksummed payload. */
const middleOfPayload = (bytes) => {
  const [frame] = recordFrames(bytes)
  return frame.payloadOffset + Math.floor((frame.offset + frame.size - frame.payloadOffset) / 2)
}

test('a plan entry damaged: every call rejects with STORAGE_CORRUPT naming the entry and byte, and nothing is repaired behind it', { timeout: 60_000 }, async () => {
  const { blank, flowId, extraId, files } = await writeStore()
  const entry = `p.${extraId}`
  assert.ok(files[entry], `${entry} among ${Object.keys(files).join(', ')}`)
  await flipByte(blank, store, entry, middleOfPayload(files[entry]))
  const corruptBytes = (await readStoreFiles(blank, store))[entry]

  const page = await openPage()
  const location = `corrupt store entry ${entry} at byte 0: checksum mismatch`
  const first = await callCrux(page, 'listPlans')
  assert.deepEqual(first, { error: { name: 'StorageCorruptError', code: 'STORAGE_CORRUPT', message: location, cruxError: true } })

  // Every later call says the same, and the module keeps answering.
  for (const [method, ...args] of [['status', flowId], ['getPlan', 'plan_x'], ['listFlows'], ['signal', flowId, { approved: true }],
    ['start', 'another'], ['history', flowId], ['listPlans']]) {
    const outcome = await callCrux(page, method, ...args)
    assert.equal(outcome.error?.code, 'STORAGE_CORRUPT', `${method}: ${JSON.stringify(outcome)}`)
    assert.equal(outcome.error.message, location, method)
  }
  await page.reload()
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready')
  assert.equal((await callCrux(page, 'listFlows')).error?.message, location, 'after a reload')
  await page.close()

  // Nothing was repaired or lost behind the error: the stored bytes are as damaged.
  assert.deepEqual((await readStoreFiles(blank, store))[entry], corruptBytes)
  await blank.close()
  assert.deepEqual(app.browser.errors, [])
})

test("a run's journal entry damaged: that run's reads and signals are STORAGE_CORRUPT naming the entry; the rest of the store goes on", { timeout: 60_000 }, async () => {
  const { blank, flowId, extraId, files } = await writeStore()
  const entry = `j.${flowId}.0000000002`
  assert.ok(files[entry], `${entry} among ${Object.keys(files).join(', ')}`)
  await flipByte(blank, store, entry, middleOfPayload(files[entry]))

  const page = await openPage()
  const location = `corrupt store entry ${entry} at byte 0: checksum mismatch`
  for (const [method, ...args] of [['history', flowId], ['signal', flowId, { approved: true }]]) {
    const outcome = await callCrux(page, method, ...args)
    assert.equal(outcome.error?.message, location, `${method}: ${JSON.stringify(outcome)}`)
  }
  // The run's summary still reads; the plans and a new run work.
  assert.equal((await callCrux(page, 'status', flowId)).value?.status, 'suspended')
  assert.equal((await callCrux(page, 'getPlan', extraId)).value?.title, 'extra')
  const other = await page.evaluate(() => window.crux.start('another'))
  await poll('the new run to suspend', () => page.evaluate((id) => window.crux.status(id), other), (s) => s.status === 'suspended')
  await callCrux(page, 'signal', other, { approved: true })
  const result = await callCrux(page, 'result', other)
  assert.equal(result.value?.done, 'executed draft for another', JSON.stringify(result))
  await page.close()
  await blank.close()
  assert.deepEqual(app.browser.errors, [])
})
