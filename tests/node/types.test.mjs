// Type check of the hand-written declarations of @crux/core, @crux/react and @crux/ai: `tsc -p tests/types`
// type-checks tests/types/recipe.ts, react.ts, ai.ts and flows.ts, TypeScript consumers of the whole
// public API (with `@ts-expect-error` lines for misuse that must not type-check), importing the package by name under NodeNext
// resolution so the `exports` map's `types` conditions pick the declarations; then again with
// exactOptionalPropertyTypes (tests/types/tsconfig.exact.json), as strict projects set it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const tsc = join(root, 'node_modules/.bin/tsc')

function runTsc(args, cwd = root) {
  const run = spawnSync(tsc, args, { cwd, encoding: 'utf8', timeout: 120_000 })
  if (run.error) throw run.error
  return { code: run.status, output: `${run.stdout}${run.stderr}` }
}

test('typescript is installed (root devDependency)', () => {
  assert.ok(existsSync(tsc), `${tsc} is missing: run npm install at the repository root`)
  const { code, output } = runTsc(['--version'])
  assert.equal(code, 0, output)
  assert.match(output, /^Version 5\./, `expected TypeScript 5.x, got ${output}`)
})

test('the declarations type-check against a consumer of the whole API (tsc -p tests/types)', () => {
  const { code, output } = runTsc(['-p', 'tests/types', '--listFiles', '--pretty', 'false'])
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line))
  assert.equal(code, 0, `tsc -p tests/types failed (exit ${code}):\n${errors.length ? errors.join('\n') : output}`)

  // The package's own declarations were what got checked, reached through `exports`.
  const files = output.split('\n').map((line) => line.trim()).filter(Boolean).map((file) => relative(root, file).split(sep).join('/'))
  for (const name of ['index', 'flow', 'plan', 'types', 'errors', 'schema']) {
    assert.ok(files.includes(`js/core/src/${name}.d.ts`), `js/core/src/${name}.d.ts was not part of the check:\n${files.join('\n')}`)
  }
  assert.ok(files.includes('tests/types/recipe.ts'), 'tests/types/recipe.ts was not checked')
  assert.ok(files.includes('js/react/src/index.d.ts'), `@crux/react's declarations were not part of the check:\n${files.join('\n')}`)
  assert.ok(files.includes('tests/types/react.ts'), 'tests/types/react.ts was not checked')
  for (const name of ['index', 'model', 'openai', 'anthropic', 'offline']) {
    assert.ok(files.includes(`js/ai/src/${name}.d.ts`), `js/ai/src/${name}.d.ts was not part of the check:\n${files.join('\n')}`)
  }
  assert.ok(files.includes('tests/types/ai.ts'), 'tests/types/ai.ts was not checked')
  assert.ok(files.includes('tests/types/flows.ts'), 'tests/types/flows.ts was not checked')
  assert.ok(!files.some((file) => file.startsWith('js/') && file.endsWith('.js')), 'tsc read the JavaScript sources instead of declarations')
})

test('the consumers type-check with exactOptionalPropertyTypes too (tsc -p tests/types/tsconfig.exact.json)', () => {
  const { code, output } = runTsc(['-p', 'tests/types/tsconfig.exact.json', '--listFiles', '--pretty', 'false'])
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line))
  assert.equal(code, 0, `tsc -p tests/types/tsconfig.exact.json failed (exit ${code}):\n${errors.length ? errors.join('\n') : output}`)
  const files = output.split('\n').map((line) => relative(root, line.trim()).split(sep).join('/'))
  for (const name of ['recipe', 'react', 'ai', 'flows']) assert.ok(files.includes(`tests/types/${name}.ts`), `tests/types/${name}.ts was not checked`)
})

test('the check fails on a type error and on an @ts-expect-error that expects nothing', () => {
  // A consumer outside the repository that sees the workspace's node_modules, so '@crux/core'
  // resolves exactly as for tests/types.
  const dir = mkdtempSync(join(tmpdir(), 'crux-types-'))
  try {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(root, 'tests/types/tsconfig.json'), files: ['wrong.ts'] }),
    )
    writeFileSync(
      join(dir, 'wrong.ts'),
      [
        "import { flow } from '@crux/core/flow'",
        "import { z } from 'zod'",
        "flow('wrong', async (flow) => {",
        "  const approval = await flow.suspend('await-approval', { schema: z.object({ approved: z.boolean() }) })",
        '  const text: string = approval.approved',
        '  // @ts-expect-error nothing wrong here',
        '  const ok: boolean = approval.approved',
        '  return { text, ok }',
        '})',
        '',
      ].join('\n'),
    )
    const { code, output } = runTsc(['-p', dir, '--pretty', 'false'])
    assert.notEqual(code, 0, `tsc accepted a wrong consumer:\n${output}`)
    assert.match(output, /wrong\.ts\(5,\d+\): error TS2322: Type 'boolean' is not assignable to type 'string'/, output)
    assert.match(output, /wrong\.ts\(6,\d+\): error TS2578: Unused '@ts-expect-error' directive/, output)
    assert.equal(output.match(/error TS/g)?.length, 2, `expected exactly the two planted errors:\n${output}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
