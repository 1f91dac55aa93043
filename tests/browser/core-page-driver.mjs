// Drives tests/browser/core-page (a page using @crux/core's default instance) from a test.
import { fileURLToPath } from 'node:url'

export const corePageRoot = fileURLToPath(new URL('./core-page/', import.meta.url))

/** Loads the page at `url` and waits until its `window.crux` is set. */
export async function openCorePage(page, url) {
  await page.goto(url)
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready')
}

/**
 * Calls `window.crux[method](...args)` in the page. Resolves to `{ value }`, or to `{ error }`
 * with the rejection's name, code and message and whether it is a CruxError.
 */
export function callCrux(page, method, ...args) {
  return page.evaluate(async ({ method, args }) => {
    try {
      return { value: await window.crux[method](...args) }
    } catch (error) {
      return { error: { name: error?.name, code: error?.code, message: error?.message, cruxError: window.crux.isCruxError(error) } }
    }
  }, { method, args })
}
