// A store damaged in IndexedDB, in real Chromium: bytes flipped inside a record in the middle
// of a segment make every call of the instance reject with STORAGE_CORRUPT naming the file and
// the byte, and leave the stored bytes as they were; the same damage in the last record is a
// torn tail, dropped on load, and everything before it is still there (DESIGN.md, Storage).
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
 * From an empty store: a run suspended on 'approve' with its plan, then a second plan, so that
 * the segment holds several records. Returns the ids and the segment as stored.
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
  const segments = Object.keys(files).filter((file) => /^seg-\d+\.log$/.test(file))
  assert.equal(segments.length, 1, `one segment among ${Object.keys(files).join(', ')}`)
  const segment = segments[0]
  return { blank, flowId, extraId: extra.id, segment, bytes: files[segment], frames: recordFrames(files[segment]) }
}

/** The byte in the middle of a record's checksummed payload. */
const middleOfPayload = (frame) => frame.payloadOffset + Math.floor((frame.offset + frame.size - frame.payloadOffset) / 2)

test('a record damaged in the middle of a segment: every call rejects with STORAGE_CORRUPT naming the file and byte', { timeout: 60_000 }, async () => {
  const { blank, flowId, segment, frames } = await writeStore()
  assert.ok(frames.length >= 4, `records in ${segment}: ${frames.length}`)
  const damaged = frames[2] // the plan written by the run's 'persist' step, with records after it
  await flipByte(blank, store, segment, middleOfPayload(damaged))
  const corruptBytes = (await readStoreFiles(blank, store))[segment]

  const page = await openPage()
  const location = `corrupt store file ${segment} at byte ${damaged.offset}: checksum mismatch`
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
  assert.deepEqual((await readStoreFiles(blank, store))[segment], corruptBytes)
  await blank.close()
  assert.deepEqual(app.browser.errors, [])
})

test('the last record damaged is a torn tail: dropped on load, everything before it intact, and the store goes on', { timeout: 60_000 }, async () => {
  const { blank, flowId, extraId, segment, bytes, frames } = await writeStore()
  const last = frames.at(-1) // the plan "extra"
  await flipByte(blank, store, segment, middleOfPayload(last))

  const page = await openPage()
  const plans = await callCrux(page, 'listPlans')
  assert.equal(plans.error, undefined, JSON.stringify(plans.error))
  assert.deepEqual(plans.value.map((p) => [p.title, p.content, p.metadata]),
    [['launch', 'draft for launch', { status: 'draft', flowId }]])
  assert.equal((await callCrux(page, 'getPlan', extraId)).value, undefined)
  const status = (await callCrux(page, 'status', flowId)).value
  assert.deepEqual([status.status, status.waitingFor], ['suspended', 'approve'])

  // New records follow the kept ones, and the store loads again after a reload.
  await callCrux(page, 'signal', flowId, { approved: true })
  const result = await callCrux(page, 'result', flowId)
  assert.equal(result.value?.done, 'executed draft for launch', JSON.stringify(result))
  await page.close()
  const again = await openPage()
  assert.equal((await callCrux(again, 'status', flowId)).value?.status, 'completed')
  assert.equal((await callCrux(again, 'listPlans')).value.length, 1)
  await again.close()

  const kept = (await readStoreFiles(blank, store))[segment]
  assert.deepEqual(kept.slice(0, last.offset), bytes.slice(0, last.offset), 'the records before the torn one are unchanged')
  assert.ok(recordFrames(kept).length > frames.length - 1, 'the segment holds only whole records')
  await blank.close()
  assert.deepEqual(app.browser.errors, [])
})
