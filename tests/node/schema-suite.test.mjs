// The official JSON Schema Test Suite (draft 2020-12 required tests, and the optional/format
// files of the formats Crux asserts, in Crux's format-assertion dialect) through the public API on
// the real WASM build: a run suspends with each group's schema, then each test's data is signalled
// (delivered = valid, SIGNAL_INVALID = invalid). Any wrong answer fails; so does a refused group
// (INVALID_ARGUMENT at suspend) not listed as "remote" in the fixture crux-refused.json, or a
// listed one that is accepted. (Natively, "host-regexp" groups are refused too: \p needs the host.)
import 'fake-indexeddb/auto'
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'

import { createCrux } from '@crux/core'

import { uniqueName, until, resultOf } from './support.mjs'

const suite = new URL('../fixtures/json-schema-test-suite/', import.meta.url)
const draft = new URL('draft2020-12/', suite)
const formatDialect = 'urn:crux:dialect:2020-12-format-assertion'

const readJson = (url) => JSON.parse(readFileSync(url, 'utf8'))
const jsonFiles = (url) => readdirSync(url).filter((name) => name.endsWith('.json')).sort()

const listed = readJson(new URL('crux-refused.json', suite)).refused
const expectedRefusals = new Set(listed.filter((entry) => entry.needs === 'remote').map((entry) => entry.group))

let crux
let waiter

before(() => {
  crux = createCrux({ name: uniqueName('schema-suite'), storage: 'memory' })
  waiter = crux.flow('suite-waiter', async (flow) => {
    try {
      return { value: await flow.suspend('value', { schema: flow.input.schema }) }
    } catch (error) {
      return { error: error.code, message: error.message }
    }
  })
})

after(() => crux.close())

/**
 * Runs every group of one file: { passed, refused (tests), refusedGroups, wrong: [text] }.
 * A run serves one group until a signal is accepted (the run then completes).
 */
async function runFile(url, name, assertFormats) {
  const tally = { passed: 0, refused: 0, refusedGroups: [], wrong: [] }
  for (const group of readJson(url)) {
    const label = `${name}: ${group.description}`
    let schema = group.schema
    if (assertFormats && typeof schema === 'object') schema = { ...schema, $schema: formatDialect }
    let handle = null
    for (const [i, check] of group.tests.entries()) {
      if (!handle) {
        handle = await waiter.start({ schema })
        const started = handle
        const status = await until(async () => {
          const s = await started.status()
          return s.status === 'suspended' || s.status === 'completed' ? s : false
        }, { interval: 1 })
        if (status.status === 'completed') {
          const result = await resultOf(handle)
          assert.equal(result.error, 'INVALID_ARGUMENT', `${label}: ${JSON.stringify(result)}`)
          tally.refused += group.tests.length
          tally.refusedGroups.push(label)
          if (!/never fetches/.test(result.message)) tally.wrong.push(`${label}: refused: ${result.message}`)
          handle = null
          break
        }
      }
      let valid
      try {
        await crux.signalFlow(handle.flowId, 'value', check.data)
        valid = true
        handle = null
      } catch (error) {
        if (error.code !== 'SIGNAL_INVALID') throw error
        valid = false
      }
      if (valid === check.valid) tally.passed++
      else tally.wrong.push(`${label} / ${check.description} (#${i}): expected ${check.valid ? 'valid' : 'invalid'}`)
    }
    if (handle) await handle.cancel()
  }
  return tally
}

test('JSON Schema Test Suite draft 2020-12 (required, and optional/format for the asserted formats)', async () => {
  const started = performance.now()
  const required = { passed: 0, refused: 0, refusedGroups: [], wrong: [] }
  for (const name of jsonFiles(draft)) {
    const tally = await runFile(new URL(name, draft), name, false)
    required.passed += tally.passed
    required.refused += tally.refused
    required.refusedGroups.push(...tally.refusedGroups)
    required.wrong.push(...tally.wrong)
  }
  const formats = { passed: 0, wrong: [], refusedGroups: [] }
  const formatDir = new URL('optional/format/', draft)
  for (const name of jsonFiles(formatDir)) {
    const tally = await runFile(new URL(name, formatDir), name, true)
    formats.passed += tally.passed
    formats.wrong.push(...tally.wrong)
    formats.refusedGroups.push(...tally.refusedGroups)
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    `JSON Schema Test Suite (WASM, public API): required ${required.passed} passed, ${required.refused} refused ` +
      `(${required.refusedGroups.length} groups, remote documents), ${required.wrong.length} wrong; ` +
      `optional/format ${formats.passed} passed, ${formats.wrong.length} wrong; ${seconds} s`,
  )
  assert.deepEqual(required.wrong, [])
  assert.deepEqual(formats.wrong, [])
  assert.deepEqual(formats.refusedGroups, [])
  assert.deepEqual(new Set(required.refusedGroups), expectedRefusals)
  assert.equal(required.passed + required.refused, 1299)
})
