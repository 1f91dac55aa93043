// The README's quick start, as pasted: the three packages packed with the README's `npm pack`
// line, installed by the file names its `npm install` line gives, into a Vite + React app laid
// out as `npm create vite -- --template react` lays it out, with src/App.jsx replaced by the
// README's code block; built by Vite and clicked through in Chromium: draft, reload, approve.
// The app sits under build/ so React, zod and the Vite React plugin come from the workspace's
// node_modules (no registry); @crux/* come from the tarballs installed in its own node_modules.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { npm, run, describeRun } from '../support/npm.mjs'
import { serveDirectory } from './static-server.mjs'
import { launchChromium } from './chromium.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const viteBin = join(root, 'node_modules/vite/bin/vite.js')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 5))

/** The first fenced block of `lang` after `marker` in the quick start. */
function block(marker, lang) {
  const at = quickStart.indexOf(marker)
  assert.ok(at >= 0, `the quick start has no "${marker}"`)
  const match = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(quickStart.slice(at))
  assert.ok(match, `no \`\`\`${lang} block after "${marker}"`)
  return match[1]
}

mkdirSync(join(root, 'build'), { recursive: true })
const work = mkdtempSync(join(root, 'build', 'readme-quickstart-'))
after(() => rmSync(work, { recursive: true, force: true }))

test("the README's quick start works as pasted: packed, installed, built by Vite, and clicked through in Chromium", { timeout: 180_000 }, async () => {
  // 1. The README's pack command, into a temp directory instead of ../crux-packages.
  const pack = block('**1. Build and pack**', 'sh').split('\n').find((line) => line.startsWith('npm pack '))
  assert.ok(pack, 'no npm pack line in step 1')
  const packages = join(work, 'crux-packages')
  mkdirSync(packages)
  const args = pack.split(/\s+/).slice(1).map((arg) => (arg === '../crux-packages' ? packages : arg))
  const packed = run(npm, args, { cwd: root })
  assert.equal(packed.code, 0, describeRun(pack, packed))

  // 2. The README's install line names the files npm pack made.
  const install = block('**2. Install them', 'sh').split('\n').find((line) => line.startsWith('npm install ../'))
  assert.ok(install, 'no npm install line for the tarballs in step 2')
  const tarballs = install.split(/\s+/).filter((arg) => arg.startsWith('../crux-packages/')).map((arg) => arg.slice('../crux-packages/'.length))
  assert.deepEqual(tarballs.toSorted(), readdirSync(packages).toSorted(), 'the README installs other file names than npm pack makes')
  assert.ok(install.split(/\s+/).includes('zod'), 'the install line leaves out zod, which the code imports')

  const app = join(work, 'my-app')
  mkdirSync(join(app, 'src'), { recursive: true })
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'my-app', private: true, version: '0.0.0', type: 'module' }, null, 2))
  const installed = run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--legacy-peer-deps',
    ...tarballs.map((file) => join(packages, file))], { cwd: app, timeout: 120_000 })
  assert.equal(installed.code, 0, describeRun('npm install <tarballs>', installed))

  // 3. create-vite's React template, with the README's App.jsx.
  writeFileSync(join(app, 'index.html'), `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><link rel="icon" href="data:," /><title>my-app</title></head>
  <body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body>
</html>
`)
  writeFileSync(join(app, 'vite.config.js'), `import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({ plugins: [react()] })
`)
  writeFileSync(join(app, 'src/main.jsx'), `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import App from './App.jsx'

createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>)
`)
  writeFileSync(join(app, 'src/App.jsx'), block('**3. Replace `src/App.jsx`**', 'jsx'))
  const built = run(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: app, timeout: 120_000 })
  assert.equal(built.code, 0, describeRun('vite build', built))
  for (const name of ['core', 'ai', 'react']) {
    assert.ok(!lstatSync(join(app, 'node_modules/@crux', name)).isSymbolicLink(), `@crux/${name} is a link to the workspace, not the tarball`)
  }
  assert.ok(readdirSync(join(app, 'dist/assets')).some((f) => /^crux-.*\.wasm$/.test(f)), 'no .wasm in the build')

  const server = await serveDirectory(join(app, 'dist'))
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    await page.goto(server.url)
    await page.getByRole('button', { name: 'Draft a plan' }).click()
    await page.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 20_000 })
    assert.equal(await page.locator('h2').innerText(), 'Launch post: draft')
    assert.match(await page.locator('pre').innerText(), /^# Plan: announce v1 on the blog/)

    await page.reload() // the run waits in IndexedDB; the page registers the flow again
    await page.getByRole('button', { name: 'Approve' }).click()
    await page.getByText('Launch post: done').waitFor({ timeout: 20_000 })
    assert.match(await page.locator('pre').innerText(), /^# Execution report: announce v1 on the blog/)
    assert.deepEqual(browser.errors, [])
  } finally {
    await browser.close()
    await server.close()
  }
})
