// Debian's Chromium driven by playwright-core, with a persistent profile in a temp directory so
// that reloads, closed pages and new pages all share one IndexedDB, as a person's browser would.
import { chromium } from 'playwright-core'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const chromiumPath = process.env.CRUX_CHROMIUM ?? '/usr/bin/chromium'

// The machines have no open network: without these, Chromium's background fetches fail and
// slow or break the pages under test.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A headless Chromium with a fresh persistent profile. Page errors and console errors are
 * collected in `errors` so that a test can assert the page stayed clean.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, errors: string[], newPage: () => Promise<import('playwright-core').Page>, close: () => Promise<void> }>}
 */
export async function launchChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: run scripts/ensure-deps.sh (apt-get install chromium)`)
  }
  const profile = mkdtempSync(join(tmpdir(), 'crux-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 900 },
  })
  const errors = []
  const watch = (page) => {
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
    })
  }
  context.pages().forEach(watch)
  context.on('page', watch)
  return {
    context,
    errors,
    newPage: () => context.newPage(),
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
