// What `npm pack` makes of each package (@crux/core, @crux/ai, @crux/react), checked the way a
// user meets it: the manifest says what the package is (description, keywords, license,
// repository, sideEffects), the tarball holds its README and the MIT LICENSE and nothing from
// tests or builds, every file the `exports` map names is there, and the types resolve once the
// tarballs are installed in a fresh TypeScript project (NodeNext, Bundler and node10 resolution).
// `sideEffects: false` is checked to be true: a bundle importing only CruxError leaves the engine out.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { npm, run, describeRun } from '../support/npm.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const tsc = join(root, 'node_modules/typescript/bin/tsc')
const viteBin = join(root, 'node_modules/vite/bin/vite.js')
const packages = ['core', 'ai', 'react']
const license = readFileSync(join(root, 'LICENSE'), 'utf8')

let work
/** package dir name → { name, tarball, files: string[] } */
const packed = {}

before(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'crux-packed-')))
  const args = ['pack', '--json', '--pack-destination', work, ...packages.flatMap((p) => ['--workspace', `js/${p}`])]
  const result = run(npm, args, { cwd: root })
  assert.equal(result.code, 0, describeRun('npm pack', result))
  for (const info of JSON.parse(result.stdout)) {
    const dir = info.name.replace('@crux/', '')
    packed[dir] = { name: info.name, tarball: join(work, info.filename), files: info.files.map((f) => f.path).sort() }
  }
})

after(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

const manifest = (p) => JSON.parse(readFileSync(join(root, 'js', p, 'package.json'), 'utf8'))

test('each manifest says what the package is: description, keywords, MIT license, repository, sideEffects', () => {
  for (const p of packages) {
    const m = manifest(p)
    assert.equal(m.name, `@crux/${p}`)
    assert.ok(typeof m.description === 'string' && m.description.length > 30, `${m.name}: description`)
    assert.ok(Array.isArray(m.keywords) && m.keywords.length >= 3, `${m.name}: keywords`)
    assert.equal(m.license, 'MIT', `${m.name}: license`)
    assert.equal(m.repository?.type, 'git', `${m.name}: repository.type`)
    assert.match(m.repository?.url ?? '', /^git\+https:\/\/.+\.git$/, `${m.name}: repository.url`)
    assert.equal(m.repository?.directory, `js/${p}`, `${m.name}: repository.directory`)
    // No module of the packages does anything when imported (no globals, no registration),
    // so bundlers may drop whatever a consumer does not use (see the last test).
    assert.equal(m.sideEffects, false, `${m.name}: sideEffects`)
    assert.ok(m.types && m.exports?.['.']?.types, `${m.name}: types`)
  }
})

test('each tarball holds its README, the MIT LICENSE and what its exports name, and no test or build junk', () => {
  for (const p of packages) {
    const { name, tarball, files } = packed[p]
    for (const required of ['package.json', 'README.md', 'LICENSE']) {
      assert.ok(files.includes(required), `${required} is missing from ${name}:\n${files.join('\n')}`)
    }
    const read = (file) => {
      const out = run('tar', ['-xzOf', tarball, `package/${file}`])
      assert.equal(out.code, 0, describeRun(`tar -xzOf ${file}`, out))
      return out.stdout
    }
    assert.equal(read('LICENSE'), license, `${name}'s LICENSE is not the repository's`)
    assert.match(license, /^MIT License\n/)
    const readme = read('README.md')
    assert.match(readme, new RegExp(`^# ${name}\\n`), `${name}'s README does not start with its name`)
    assert.match(readme, /npm install/, `${name}'s README does not say how to install it`)

    const targets = []
    const collect = (value) => {
      if (typeof value === 'string') targets.push(value)
      else if (value && typeof value === 'object') Object.values(value).forEach(collect)
    }
    const m = manifest(p)
    collect(m.exports)
    collect(m.imports)
    collect(m.types)
    for (const target of targets) {
      assert.ok(files.includes(target.replace(/^\.\//, '')), `${target} (named by ${name}'s manifest) is not in its tarball`)
    }
    for (const file of readdirSync(join(root, 'js', p, 'src')).filter((f) => f.endsWith('.d.ts'))) {
      assert.ok(files.includes(`src/${file}`), `src/${file} is missing from ${name}`)
    }

    const junk = files.filter((f) =>
      /(^|\/)(tests?|__tests__|node_modules|coverage|build|\.vite)\/|\.(test|spec)\.|\.map$|\.tgz$|\.tsbuildinfo$|\.log$|\.o$|(^|\/)\.|CMake/.test(f))
    assert.deepEqual(junk, [], `test or build files in ${name}:\n${junk.join('\n')}`)
    // Each engine module ships with the package that uses it: crux.wasm and crux-schema.wasm in
    // core, crux-ai.wasm in ai.
    const modules = { core: 'dist\\/crux(-schema)?\\.(mjs|wasm)$|', ai: 'dist\\/crux-ai\\.(mjs|wasm)$|', react: '' }
    const allowed = new RegExp(`^(src\\/|${modules[p]}package\\.json$|README\\.md$|LICENSE$)`)
    const outside = files.filter((f) => !allowed.test(f))
    assert.deepEqual(outside, [], `unexpected files in ${name}:\n${outside.join('\n')}`)
  }
})

const consumerTs = `
import { createCrux, CruxError, SignalInvalidError, type Plan, type FlowStatus } from '@crux/core'
import { flow, signalFlow, type FlowHandle } from '@crux/core/flow'
import { plan, updatePlan, getPlan } from '@crux/core/plan'
import { generate, type GenerateOptions } from '@crux/ai'
import { openai } from '@crux/ai/openai'
import { anthropic } from '@crux/ai/anthropic'
import { offline } from '@crux/ai/offline'
import { usePlan, usePlans, useFlow, CruxProvider, useCrux } from '@crux/react'

const crux = createCrux({ name: 'types', storage: 'memory' })
const writer = flow('writer', async (f) => {
  const text = await f.step('draft', async () => 'draft')
  return text.toUpperCase()
})
const handle: FlowHandle<string> = await writer.start({})
const status: Promise<FlowStatus> = handle.status()
const p: Promise<Plan> = plan({ title: 't', content: 'c' })
const options: GenerateOptions = { model: offline() }
void [crux, status, p, options, signalFlow, updatePlan, getPlan, generate, openai('m'), anthropic('m'),
  usePlan, usePlans, useFlow, CruxProvider, useCrux, CruxError, SignalInvalidError]
// A wrong use must fail, or the check proves nothing:
// @ts-expect-error storage is 'indexeddb' or 'memory'
void createCrux({ storage: 'disk' })
`

test('the types resolve from the installed tarballs under NodeNext, Bundler and node10 resolution', { timeout: 120_000 }, () => {
  const app = join(work, 'ts-app')
  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'crux-ts-consumer', private: true, type: 'module' }) + '\n')
  const tarballs = packages.map((p) => packed[p].tarball)
  // react is a peer of @crux/react; @types/react gives its types. Both come from npm's cache when it has them.
  const extra = ['react@19', '@types/react@19']
  let installed = run(npm, ['install', '--no-audit', '--no-fund', '--offline', ...tarballs, ...extra], { cwd: app, timeout: 120_000 })
  if (installed.code !== 0) installed = run(npm, ['install', '--no-audit', '--no-fund', ...tarballs, ...extra], { cwd: app, timeout: 120_000 })
  assert.equal(installed.code, 0, describeRun('npm install <tarballs>', installed))
  writeFileSync(join(app, 'consumer.ts'), consumerTs)

  for (const [label, compilerOptions] of [
    ['NodeNext', { module: 'NodeNext', moduleResolution: 'NodeNext' }],
    ['Bundler', { module: 'ESNext', moduleResolution: 'Bundler' }],
    ['node10', { module: 'ESNext', moduleResolution: 'node10', ignoreDeprecations: '5.0' }],
  ]) {
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { ...compilerOptions, target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['ES2022', 'DOM'] },
      files: ['consumer.ts'],
    }))
    const checked = run(process.execPath, [tsc, '-p', '.', '--listFiles', '--pretty', 'false'], { cwd: app, timeout: 120_000 })
    assert.equal(checked.code, 0, describeRun(`tsc (${label})`, checked))
    const listed = checked.stdout.split('\n').map((l) => l.trim()).filter(Boolean).map((f) => relative(app, f).split(sep).join('/'))
    for (const p of packages) {
      const ours = listed.filter((f) => f.startsWith(`node_modules/@crux/${p}/`))
      assert.ok(ours.length > 0, `${label}: no declaration of @crux/${p} was read:\n${listed.join('\n')}`)
      assert.ok(ours.every((f) => f.endsWith('.d.ts')), `${label}: tsc read @crux/${p}'s JavaScript: ${ours.join(', ')}`)
    }
    const workspace = listed.filter((f) => resolve(app, f).startsWith(join(root, 'js') + sep))
    assert.deepEqual(workspace, [], `${label}: tsc read the workspace's packages, not the installed ones`)
  }
})

test('sideEffects: false holds: a bundle importing only CruxError from the tarball leaves the engine out', { timeout: 120_000 }, () => {
  const app = join(work, 'ts-app') // the project of the previous test, with the tarballs installed
  writeFileSync(join(app, 'index.html'), '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>\n')
  writeFileSync(join(app, 'main.js'), `import { CruxError } from '@crux/core'\ndocument.body.textContent = new CruxError('x', 'INVALID_ARGUMENT').code\n`)
  const built = run(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: app, timeout: 120_000 })
  assert.equal(built.code, 0, describeRun('vite build', built))
  const scripts = readdirSync(join(app, 'dist/assets')).filter((f) => f.endsWith('.js'))
  const bundle = scripts.map((f) => readFileSync(join(app, 'dist/assets', f), 'utf8')).join('\n')
  assert.match(bundle, /INVALID_ARGUMENT/)
  // The Emscripten loader (tens of KB) and the engine's callers are gone.
  assert.ok(bundle.length < 10_000, `the bundle is ${bundle.length} bytes: the engine was not tree-shaken`)
  assert.doesNotMatch(bundle, /WebAssembly\.(instantiate|compile)/)
})
