// One benchmark session: the page bundled with Vite, served cross-origin-isolated on a fixed
// port (IndexedDB belongs to the origin, so kept stores need the same one each time), and
// Debian's Chromium, headless, on a persistent profile on disk.
import { build } from 'vite'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { serveDirectory } from '../../tests/browser/static-server.mjs'
import { chromiumArgs, chromiumPath } from '../../tests/browser/chromium.mjs'

const pageRoot = fileURLToPath(new URL('./page/', import.meta.url))
const pageOut = fileURLToPath(new URL('../../build/bench-browser/page/', import.meta.url))

export const port = Number(process.env.CRUX_BENCH_PORT ?? 47813)

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

/** Bundles the page and serves it; resolves to the server ({ url, close }). */
export async function servePage() {
  await build({ root: pageRoot, logLevel: 'warn', build: { outDir: pageOut, emptyOutDir: true } })
  try {
    return await serveDirectory(pageOut, { port, headers: isolation })
  } catch (error) {
    if (error.code === 'EADDRINUSE') {
      throw new Error(`port ${port} is in use (another benchmark running?); set CRUX_BENCH_PORT to another one, which repopulates the kept stores`)
    }
    throw error
  }
}

/**
 * Chromium on the profile directory `profile`, and a way to call the page's scenarios, each
 * call in the page given or a freshly loaded one.
 */
export async function openBrowser(profile, url, { log = () => {} } = {}) {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: run scripts/ensure-deps.sh`)
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  })
  const problems = []
  const watch = (page) => {
    page.on('console', (message) => {
      const text = message.text()
      if (text.startsWith('[populate]') || text.startsWith('[large]')) log(text)
      else if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${text}`)
    })
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
    page.on('crash', () => problems.push('the page crashed'))
  }
  context.on('page', watch)
  context.pages().forEach(watch)
  let page = context.pages()[0] ?? (await context.newPage())

  /** Loads the page afresh (a new document: no module, instance or compiled .wasm left over). */
  async function freshPage() {
    if (page) await page.close().catch(() => {})
    page = await context.newPage()
    page.setDefaultTimeout(0)
    await page.goto(url)
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready')
    const isolated = await page.evaluate(() => globalThis.crossOriginIsolated)
    if (!isolated) throw new Error('the page is not cross-origin isolated (crossOriginIsolated is false): check the COOP/COEP headers')
    return page
  }

  return {
    problems,
    freshPage,
    /** Runs `window.bench[scenario](arg)` in the current page. */
    call: (scenario, arg) => page.evaluate(([name, a]) => window.bench[name](a), [scenario, arg]),
    /** Runs it in a freshly loaded page. */
    async callFresh(scenario, arg) {
      await freshPage()
      return page.evaluate(([name, a]) => window.bench[name](a), [scenario, arg])
    },
    /** The page's JS heap and ArrayBuffer backing stores (wasm memory included), after a full GC, by CDP. */
    async heapUsage() {
      const cdp = await context.newCDPSession(page)
      try {
        await cdp.send('HeapProfiler.collectGarbage')
        return await cdp.send('Runtime.getHeapUsage')
      } finally {
        await cdp.detach()
      }
    },
    /** Chromium's full version (the user agent string gives only the major one). */
    async version() {
      const cdp = await context.newCDPSession(page)
      try {
        return (await cdp.send('Browser.getVersion')).product.split('/').pop()
      } finally {
        await cdp.detach()
      }
    },
    close: () => context.close(),
  }
}
