// examples/nextjs, a Next.js App Router app, built (`next build`) and started (`next start`)
// against the packed @crux/core and @crux/react (`npm pack`, unpacked into the app's
// node_modules as npm would install them), then driven in Chromium: a plan drafted by a flow
// appears through the hooks, approving it completes the flow, an unknown plan and a crux.wasm
// that does not load are told apart from loading. app/layout.tsx renders CruxProvider.
//
// Next.js, React, zod and the TypeScript packages are the workspace's (symlinked): installing
// them would take the network and a minute. The app lives in build/nextjs-app, made afresh.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { npm, run, describeRun } from '../support/npm.mjs'
import { launchChromium } from './chromium.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const example = join(root, 'examples/nextjs')
const app = join(root, 'build/nextjs-app')
const nextBin = join(root, 'node_modules/next/dist/bin/next')
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }

let server
let serverLog = ''
let baseUrl
let browser
let buildLog = ''

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolvePort(port))
    })
  })
}

/** The app, with the packed packages unpacked into node_modules and the rest linked. */
function prepareApp() {
  rmSync(app, { recursive: true, force: true })
  cpSync(example, app, { recursive: true, filter: (source) => !/[/\\](node_modules|\.next)([/\\]|$)|next-env\.d\.ts$/.test(source) })
  const packed = run(npm, ['pack', '--workspace', 'js/core', '--workspace', 'js/react', '--pack-destination', app, '--json'], { cwd: root })
  assert.equal(packed.code, 0, describeRun('npm pack', packed))
  for (const { name, filename } of JSON.parse(packed.stdout)) {
    const target = join(app, 'node_modules', name)
    mkdirSync(target, { recursive: true })
    const unpacked = run('tar', ['-xzf', join(app, filename), '-C', target, '--strip-components=1'])
    assert.equal(unpacked.code, 0, describeRun('tar', unpacked))
  }
  for (const name of ['next', 'react', 'react-dom', 'zod', 'typescript', '@types/react', '@types/node']) {
    const link = join(app, 'node_modules', name)
    mkdirSync(dirname(link), { recursive: true })
    symlinkSync(join(root, 'node_modules', name), link, 'dir')
  }
}

before(async () => {
  prepareApp()
  const built = run(process.execPath, [nextBin, 'build'], { cwd: app, timeout: 240_000 })
  buildLog = `${built.stdout}${built.stderr}`
  assert.equal(built.code, 0, describeRun('next build', built))

  const port = await freePort()
  baseUrl = `http://127.0.0.1:${port}`
  server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] })
  server.stdout.on('data', (chunk) => (serverLog += chunk))
  server.stderr.on('data', (chunk) => (serverLog += chunk))
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      if ((await fetch(baseUrl)).ok) break
    } catch {
      // not listening yet
    }
    assert.ok(Date.now() < deadline, `next start did not answer within 30 s:\n${serverLog}`)
    assert.equal(server.exitCode, null, `next start exited:\n${serverLog}`)
    await new Promise((resolveWait) => setTimeout(resolveWait, 200))
  }
  browser = await launchChromium()
}, { timeout: 300_000 })

after(async () => {
  await browser?.close()
  if (server && server.exitCode === null) {
    const exited = new Promise((resolveExit) => server.once('exit', resolveExit))
    server.kill('SIGTERM')
    await exited
  }
  rmSync(app, { recursive: true, force: true })
})

test('next build: app/layout.tsx with CruxProvider builds from the packed packages, and nothing is logged on the server', () => {
  assert.match(buildLog, /Compiled successfully/)
  assert.match(buildLog, /\/plans\/\[id\]/)
  assert.doesNotMatch(buildLog, /\[crux\]/, 'the build (server rendering) logged from Crux')
  assert.ok(existsSync(join(app, 'node_modules/@crux/core/dist/crux.wasm')), 'the packed @crux/core has its .wasm')
  assert.ok(readFileSync(join(app, 'node_modules/@crux/react/src/index.js'), 'utf8').startsWith("'use client'"), "@crux/react's entry starts with 'use client'")
  const chunks = join(app, '.next/static')
  const files = readdirSync(chunks, { recursive: true }).map(String)
  assert.ok(files.some((file) => file.endsWith('.wasm')), `no .wasm among the client assets: ${files.join(', ')}`)
  const client = files.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(chunks, file), 'utf8')).join('\n')
  assert.ok(!client.includes(join(root, 'js/core')), 'the client bundle names the workspace sources instead of the packed package')
})

test('in Chromium: a drafted plan appears through the hooks, approving it completes the flow; an unknown plan is missing, not loading', async () => {
  const page = await browser.newPage()
  const wasmTypes = []
  const failed = []
  page.on('response', (response) => {
    if (response.url().endsWith('.wasm')) wasmTypes.push(response.headers()['content-type'])
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
  })
  await page.goto(`${baseUrl}/`)
  await page.waitForSelector('#plans', { state: 'attached', timeout: 15_000 }) // usePlans: the store has loaded (an empty list)
  await page.fill('input[name=title]', 'Launch')
  await page.fill('input[name=brief]', 'a launch post')
  await page.click('button[type=submit]')

  await page.waitForURL(/\/plans\/plan_/, { timeout: 15_000 })
  await page.waitForSelector('#content', { timeout: 15_000 })
  assert.equal(await page.textContent('h1'), 'Launch')
  assert.match(await page.textContent('#content'), /1\) outline: a launch post/)
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'draft')

  await page.click('text=Approve')
  // Only the flow's last step sets 'done': the run resumed after the approval and completed.
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'done', null, { timeout: 15_000 })

  await page.click('text=All plans')
  await page.waitForFunction(() => document.querySelector('#plans')?.textContent.includes('Launch (done)'), null, { timeout: 15_000 })

  await page.goto(`${baseUrl}/plans/plan_unknown`)
  await page.waitForFunction(() => document.querySelector('#plan-state')?.textContent === 'No plan plan_unknown', null, { timeout: 15_000 })

  assert.ok(wasmTypes.length > 0, 'crux.wasm was not fetched')
  assert.ok(wasmTypes.every((type) => type?.startsWith('application/wasm')), `crux.wasm served as ${wasmTypes.join(', ')}`)
  assert.deepEqual(failed, [])
  assert.deepEqual(browser.errors, [])
  assert.doesNotMatch(serverLog, /\[crux\]|Error/, 'the server logged from Crux while rendering')
  await page.close()
})

test('in Chromium: a crux.wasm that does not load reaches the error boundary as ENGINE_UNAVAILABLE', async () => {
  const page = await browser.newPage()
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }))
  await page.goto(`${baseUrl}/`)
  await page.waitForSelector('#failed', { timeout: 15_000 })
  const text = await page.textContent('#failed')
  assert.match(text, /Crux could not load \(ENGINE_UNAVAILABLE\)/)
  assert.match(text, /HTTP 404/)
  await page.close()
  // React reports the error it caught on the console; nothing is left unhandled.
  assert.deepEqual(browser.errors.filter((error) => error.startsWith('pageerror')), [])
  browser.errors.length = 0
})
