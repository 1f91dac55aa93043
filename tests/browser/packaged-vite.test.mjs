// The packed @crux/core in a fresh Vite app: `npm pack` the workspace package, install the
// tarball into a new project outside the repository, `vite build` it (Vite from the workspace,
// as the app's build tool), and check that the .wasm is emitted hashed and referenced by the
// bundle; then run the built app in Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { npm, run, describeRun } from '../support/npm.mjs'
import { serveDirectory } from './static-server.mjs'
import { launchChromium } from './chromium.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const viteBin = join(root, 'node_modules/vite/bin/vite.js')

let work

before(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'crux-vite-app-')))
})

after(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

const page = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>consumer</title></head>
  <body><pre id="out">loading</pre><script type="module" src="./main.js"></script></body>
</html>
`

const main = `import { createCrux } from '@crux/core'

const crux = createCrux({ name: 'consumer' })
const writer = crux.flow('writer', async (flow) => {
  const draft = await flow.step('draft', async () => 'draft for ' + flow.input.brief)
  const { approved } = await flow.suspend('approve', { schema: { type: 'object', properties: { approved: { type: 'boolean' } }, required: ['approved'] } })
  return { draft, approved }
})
const run = await writer.start({ brief: 'vite' })
while ((await run.status()).status !== 'suspended') await new Promise((r) => setTimeout(r, 10))
await run.signal('approve', { approved: true })
document.getElementById('out').textContent = JSON.stringify(await run.result())
`

test('a Vite app built against the packed tarball emits a hashed crux-*.wasm, references it, and runs in Chromium', { timeout: 120_000 }, async () => {
  const packed = run(npm, ['pack', '--workspace', 'js/core', '--pack-destination', work, '--json'], { cwd: root })
  assert.equal(packed.code, 0, describeRun('npm pack', packed))
  const tarball = join(work, JSON.parse(packed.stdout)[0].filename)

  const app = join(work, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'crux-vite-consumer', private: true, type: 'module' }) + '\n')
  writeFileSync(join(app, 'index.html'), page)
  writeFileSync(join(app, 'main.js'), main)
  let installed = run(npm, ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app })
  if (installed.code !== 0) installed = run(npm, ['install', '--no-audit', '--no-fund', tarball], { cwd: app })
  assert.equal(installed.code, 0, describeRun('npm install <tarball>', installed))

  const built = run(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: app })
  assert.equal(built.code, 0, describeRun('vite build', built))

  const assets = readdirSync(join(app, 'dist/assets'))
  const wasm = assets.filter((name) => /^crux-[\w-]{6,}\.wasm$/.test(name))
  assert.equal(wasm.length, 1, `expected one hashed crux-*.wasm in dist/assets, got ${JSON.stringify(assets)}`)
  const scripts = assets.filter((name) => name.endsWith('.js'))
  assert.ok(scripts.length > 0, `no JS in dist/assets: ${JSON.stringify(assets)}`)
  const bundle = scripts.map((name) => readFileSync(join(app, 'dist/assets', name), 'utf8')).join('\n')
  assert.ok(bundle.includes(wasm[0]), `the built JS does not reference ${wasm[0]}`)
  // The bundle came from the installed tarball, not the workspace sources.
  assert.ok(!bundle.includes(root), 'the bundle names the workspace path')

  const server = await serveDirectory(join(app, 'dist'))
  const browser = await launchChromium()
  try {
    const tab = await browser.newPage()
    await tab.goto(server.url)
    await tab.waitForFunction(() => document.getElementById('out').textContent !== 'loading', null, { timeout: 15_000 })
    assert.deepEqual(JSON.parse(await tab.textContent('#out')), { draft: 'draft for vite', approved: true })
    assert.deepEqual(browser.errors, [])
  } finally {
    await browser.close()
    await server.close()
  }
})
