// What every browser test file starts from: a Vite app built into a temp directory, served on
// 127.0.0.1, and one Chromium, set up before the file's tests and torn down after them.
import { before, after } from 'node:test'
import { rmSync } from 'node:fs'
import { buildPage } from './vite-build.mjs'
import { serveDirectory } from './static-server.mjs'
import { launchChromium } from './chromium.mjs'

/**
 * Registers the file's before/after hooks for the app at `root`.
 * @returns {{ server?: { url: string, close(): Promise<void> }, browser?: Awaited<ReturnType<typeof launchChromium>> }}
 *   filled in once the before hook has run
 */
export function useServedApp(root) {
  const app = {}
  let outDir
  before(async () => {
    outDir = await buildPage(root)
    app.server = await serveDirectory(outDir)
    app.browser = await launchChromium()
  })
  after(async () => {
    await app.browser?.close()
    await app.server?.close()
    if (outDir) rmSync(outDir, { recursive: true, force: true })
  })
  return app
}
