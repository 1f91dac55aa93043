// Bundles a page with Vite the way an app would, from the workspace packages, into a temp directory.
import { build } from 'vite'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Builds the Vite app at `root` (its own vite.config.* if any) and returns the output directory.
 * @param {string} root
 */
export async function buildPage(root) {
  const outDir = mkdtempSync(join(tmpdir(), 'crux-page-'))
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  return outDir
}
