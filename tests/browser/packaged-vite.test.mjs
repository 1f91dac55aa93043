// The packed @crux/core and @crux/ai in a fresh Vite app: `npm pack` the workspace packages,
// install the tarballs into a new project outside the repository, `vite build` it (Vite from the
// workspace, as the app's build tool), and check that each .wasm is emitted hashed and referenced
// by the bundle; then run the built pages in Chromium. The page that imports only @crux/core
// must not download @crux/ai's module, and the page that declares no schema must not download
// the validator's (crux-schema.wasm).
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

const page = (script) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>consumer</title></head>
  <body><pre id="out">loading</pre><script type="module" src="./${script}"></script></body>
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

const aiMain = `import { createCrux } from '@crux/core'
import { generate } from '@crux/ai'
import { offline } from '@crux/ai/offline'

const crux = createCrux({ name: 'consumer-ai' })
const drafter = crux.flow('drafter', async (flow) =>
  flow.step('draft', async () => (await generate('Plan: ' + flow.input.brief, { model: offline({ delayMs: 0 }) })).text))
const run = await drafter.start({ brief: 'a team offsite' })
document.getElementById('out').textContent = JSON.stringify({ text: await run.result() })
`

// Two pages, one per way to use the packages.
const viteConfig = `export default { build: { rollupOptions: { input: { core: 'index.html', ai: 'ai.html' } } } }
`

test('a Vite app built against the packed tarballs emits hashed crux-*.wasm, crux-schema-*.wasm and crux-ai-*.wasm; a page fetches the LLM module only with @crux/ai, the validator only with a schema', { timeout: 180_000 }, async () => {
  const tarballs = ['js/core', 'js/ai'].map((workspace) => {
    const packed = run(npm, ['pack', '--workspace', workspace, '--pack-destination', work, '--json'], { cwd: root })
    assert.equal(packed.code, 0, describeRun(`npm pack ${workspace}`, packed))
    return join(work, JSON.parse(packed.stdout)[0].filename)
  })

  const app = join(work, 'app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'crux-vite-consumer', private: true, type: 'module' }) + '\n')
  writeFileSync(join(app, 'index.html'), page('main.js'))
  writeFileSync(join(app, 'main.js'), main)
  writeFileSync(join(app, 'ai.html'), page('ai.js'))
  writeFileSync(join(app, 'ai.js'), aiMain)
  writeFileSync(join(app, 'vite.config.js'), viteConfig)
  let installed = run(npm, ['install', '--no-audit', '--no-fund', '--offline', ...tarballs], { cwd: app })
  if (installed.code !== 0) installed = run(npm, ['install', '--no-audit', '--no-fund', ...tarballs], { cwd: app })
  assert.equal(installed.code, 0, describeRun('npm install <tarballs>', installed))

  const built = run(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: app })
  assert.equal(built.code, 0, describeRun('vite build', built))

  const assets = readdirSync(join(app, 'dist/assets'))
  const coreWasm = assets.filter((name) => /^crux-(?!ai-|schema-)[\w-]{6,}\.wasm$/.test(name))
  const schemaWasm = assets.filter((name) => /^crux-schema-[\w-]{6,}\.wasm$/.test(name))
  const aiWasm = assets.filter((name) => /^crux-ai-[\w-]{6,}\.wasm$/.test(name))
  assert.equal(coreWasm.length, 1, `expected one hashed crux-*.wasm in dist/assets, got ${JSON.stringify(assets)}`)
  assert.equal(schemaWasm.length, 1, `expected one hashed crux-schema-*.wasm in dist/assets, got ${JSON.stringify(assets)}`)
  assert.equal(aiWasm.length, 1, `expected one hashed crux-ai-*.wasm in dist/assets, got ${JSON.stringify(assets)}`)
  const scripts = assets.filter((name) => name.endsWith('.js'))
  assert.ok(scripts.length > 0, `no JS in dist/assets: ${JSON.stringify(assets)}`)
  const bundle = scripts.map((name) => readFileSync(join(app, 'dist/assets', name), 'utf8')).join('\n')
  for (const wasm of [coreWasm[0], schemaWasm[0], aiWasm[0]]) assert.ok(bundle.includes(wasm), `the built JS does not reference ${wasm}`)
  // The bundle came from the installed tarballs, not the workspace sources.
  assert.ok(!bundle.includes(root), 'the bundle names the workspace path')

  const server = await serveDirectory(join(app, 'dist'))
  const browser = await launchChromium()
  try {
    const openPage = async (path) => {
      const tab = await browser.newPage()
      const fetched = []
      tab.on('request', (request) => fetched.push(new URL(request.url()).pathname))
      await tab.goto(new URL(path, server.url).href)
      await tab.waitForFunction(() => document.getElementById('out').textContent !== 'loading', null, { timeout: 15_000 })
      return { out: JSON.parse(await tab.textContent('#out')), fetched }
    }
    const core = await openPage('/')
    assert.deepEqual(core.out, { draft: 'draft for vite', approved: true })
    assert.ok(core.fetched.includes(`/assets/${coreWasm[0]}`), `crux.wasm was not fetched: ${core.fetched.join(', ')}`)
    assert.deepEqual(core.fetched.filter((path) => /crux-ai/.test(path)), [], 'a page without @crux/ai fetched its module')
    assert.ok(core.fetched.includes(`/assets/${schemaWasm[0]}`), `crux-schema.wasm was not fetched for a suspend with a schema: ${core.fetched.join(', ')}`)

    const ai = await openPage('/ai.html')
    assert.match(ai.out.text, /offsite/i)
    assert.ok(ai.fetched.includes(`/assets/${aiWasm[0]}`), `crux-ai.wasm was not fetched: ${ai.fetched.join(', ')}`)
    assert.ok(ai.fetched.includes(`/assets/${coreWasm[0]}`), `crux.wasm was not fetched: ${ai.fetched.join(', ')}`)
    assert.deepEqual(ai.fetched.filter((path) => /crux-schema/.test(path)), [], 'a page that declares no schema fetched the validator')
    assert.deepEqual(browser.errors, [])
  } finally {
    await browser.close()
    await server.close()
  }
})
