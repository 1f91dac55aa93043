// The v1 fixture store for Node: its files, manifest and expected answers read from
// tests/fixtures/stores/v1-all-states/ (see make-v1-store.mjs there), plus what a page can load
// too (flow definitions, clocks, IDBFS seed and dump: ./v1-store.mjs).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { FLOW_IDS } from './v1-store.mjs'

export * from './v1-store.mjs'

export const fixtureDir = fileURLToPath(new URL('../fixtures/stores/v1-all-states/', import.meta.url))
/** `sha256sum` output for every file of the fixture, committed beside it. */
export const fixtureSums = fileURLToPath(new URL('../fixtures/stores/v1-all-states.sha256', import.meta.url))

/**
 * The fixture: `{ name, manifest, expected, entries }`, where `entries` are the IDBFS entries
 * (`{ file, mode, timestamp, contents }`) that seedStore takes.
 */
export function loadV1Fixture() {
  const manifest = JSON.parse(readFileSync(`${fixtureDir}manifest.json`, 'utf8'))
  const expected = JSON.parse(readFileSync(`${fixtureDir}expected.json`, 'utf8'))
  const entries = manifest.entries.map(({ file, mode, timestamp }) => ({
    file,
    mode,
    timestamp,
    contents: new Uint8Array(readFileSync(`${fixtureDir}${file}`)),
  }))
  return { name: manifest.name, manifest, expected, entries }
}

/** Every plan id the fixture ever held (the deleted one too): what readV1Answers asks getPlan for. */
export function v1PlanIds(expected) {
  return [...Object.values(expected.planIds), ...expected.deletedPlanIds]
}

/**
 * Asserts that `answers` (readV1Answers over v1PlanIds) are, in full, `view` of expected.json
 * (`expected.opened` or `expected.generated`); `when` names the moment in failure messages.
 */
export function assertV1Answers(answers, view, expected, when) {
  for (const [role, flowId] of Object.entries(FLOW_IDS)) {
    assert.deepEqual(answers.flows[flowId].status, view.flows[flowId].status, `${when}: status() of the ${role} run`)
    assert.deepEqual(answers.flows[flowId].history, view.flows[flowId].history, `${when}: history() of the ${role} run`)
  }
  // listFlows() answers summaries since v2: each status without the run's result or error.
  const summaries = view.listFlows.map(({ result, error, ...summary }) => summary)
  assert.deepEqual(answers.listFlows, summaries, `${when}: listFlows()`)
  assert.deepEqual(answers.plans, view.plans, `${when}: listPlans()`)
  for (const plan of view.plans) assert.deepEqual(answers.byId[plan.id], plan, `${when}: getPlan("${plan.title}")`)
  for (const id of expected.deletedPlanIds) assert.equal(answers.byId[id], null, `${when}: the deleted plan stays deleted`)
}
