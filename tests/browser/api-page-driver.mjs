// Drives tests/browser/api-page, which puts @crux/core's public API on `window.Crux`.
import { fileURLToPath } from 'node:url'

export const apiPageRoot = fileURLToPath(new URL('./api-page/', import.meta.url))

/** Loads the page at `url` and waits until `window.Crux` is set. */
export async function openApiPage(page, url) {
  await page.goto(url)
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready')
}

/**
 * Runs `script` (a function taking `window.Crux` and `arg`) in the page. Resolves to
 * `{ value }`, or to `{ error }` with the rejection's name, code, message and whether it is a CruxError.
 */
export function inPage(page, script, arg) {
  return page.evaluate(async ({ source, arg }) => {
    // eslint-disable-next-line no-new-func
    const run = new Function(`return (${source})`)()
    try {
      return { value: await run(window.Crux, arg) }
    } catch (error) {
      return { error: { name: error?.name, code: error?.code, message: error?.message, cruxError: error instanceof window.Crux.CruxError } }
    }
  }, { source: script.toString(), arg })
}
