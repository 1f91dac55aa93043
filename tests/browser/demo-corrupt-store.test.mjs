// The demo page over a store damaged in IndexedDB: instead of a blank or forever-loading page
// it says that the saved data cannot be read, with the STORAGE_CORRUPT code and the message
// naming the file and byte, and the page raises no error.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { useServedApp } from './served-app.mjs'
import { DemoPage } from './demo-page.mjs'
import { flipByte, openBlankPage, readStoreFiles } from './store-files.mjs'
import { recordFrames } from './record-frames.mjs'

const demoRoot = fileURLToPath(new URL('../../demo/', import.meta.url))

const app = useServedApp(demoRoot)

test('a damaged store shows STORAGE_CORRUPT with its location, not a blank page', { timeout: 60_000 }, async () => {
  const demo = new DemoPage(await app.browser.newPage(), app.server.url)
  await demo.open()
  await demo.createPlan('Team offsite', 'Plan a two-day offsite for twelve people')
  await demo.waitForStatus('awaiting-approval', 20_000)
  await demo.page.close()

  // A byte of the plan's entry, which the store opens with.
  const blank = await openBlankPage(app.browser, app.server.url)
  const files = await readStoreFiles(blank, 'default')
  const entry = Object.keys(files).filter((file) => file.startsWith('p.')).sort()[0]
  assert.ok(entry, `a plan entry among ${Object.keys(files).join(', ')}`)
  const [damaged] = recordFrames(files[entry])
  await flipByte(blank, 'default', entry, damaged.payloadOffset + 1)
  await blank.close()

  const reopened = new DemoPage(await app.browser.newPage(), app.server.url)
  await reopened.page.goto(app.server.url)
  const alert = reopened.page.getByRole('alert')
  await alert.waitFor({ timeout: 10_000 })
  const text = await alert.innerText()
  assert.match(text, /saved data .* could not be read/i)
  assert.match(text, /STORAGE_CORRUPT/)
  assert.ok(text.includes(`corrupt store entry ${entry} at byte ${damaged.offset}: checksum mismatch`), text)
  await reopened.screenshot('10-corrupt-store')
  await reopened.page.close()
  assert.deepEqual(app.browser.errors, [])
})
