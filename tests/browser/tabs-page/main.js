// One tab of an app using @crux/core's default instance. With `?flows` in its address the tab
// registers the flows; without, it can only signal and read them. `localStorage` (shared by
// the tabs, outside Crux) counts how often each step's function really started and finished.
import { flow, getFlow } from '@crux/core/flow'
import { plan, updatePlan, getPlan, listPlans, subscribePlan } from '@crux/core/plan'
import { createCrux, CruxError } from '@crux/core'

function count(key) {
  localStorage.setItem(key, String(Number(localStorage.getItem(key) ?? 0) + 1))
}

const now = () => performance.timeOrigin + performance.now()
/** Which tab this is, to tell which one ran a step. */
const tabId = crypto.randomUUID()

const definitions = {}

if (new URLSearchParams(location.search).has('flows')) {
  definitions.approval = flow('approval', async (flow) => {
    const draft = await flow.step('draft', () => {
      count('ran:draft')
      return `draft of ${flow.input.brief}`
    })
    const { ok } = await flow.suspend('approve', { schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] } })
    // It takes a moment, as real work does: a second tab running it too would overlap here.
    return flow.step('execute', async () => {
      count('ran:execute')
      await new Promise((resolve) => setTimeout(resolve, 200))
      return { draft, ok }
    })
  })

  // The middle step takes a while: long enough for a test to close the tab running it.
  definitions.long = flow('long', async (flow) => {
    const one = await flow.step('one', () => {
      count('ran:one')
      return 1
    })
    const two = await flow.step('slow', async () => {
      count('started:slow')
      localStorage.setItem('slow-step-tab', tabId)
      await new Promise((resolve) => setTimeout(resolve, flow.input.slowMs))
      count('finished:slow')
      return 2
    })
    const three = await flow.step('three', () => {
      count('ran:three')
      return 3
    })
    return one + two + three
  })
}

const heard = []

window.crux = {
  start: async (name, input) => (await definitions[name].start(input)).flowId,
  status: (flowId) => getFlow(flowId).status(),
  signal: (flowId, payload) => getFlow(flowId).signal('approve', payload),
  result: (flowId) => getFlow(flowId).result(),
  history: (flowId) => getFlow(flowId).history(),
  plan: (fields) => plan(fields),
  updatePlan: (id, changes) => updatePlan(id, changes),
  getPlan: (id) => getPlan(id),
  listPlans: () => listPlans(),
  count: (key) => Number(localStorage.getItem(key) ?? 0),
  isCruxError: (error) => error instanceof CruxError,
  tabId: () => tabId,
  /** The tab that last started the slow step. */
  slowStepTab: () => localStorage.getItem('slow-step-tab'),
  /** Updates the plan `times` times, one after another; returns when each was recorded. */
  updateMany: async (id, prefix, times) => {
    const recorded = []
    for (let i = 0; i < times; i++) {
      await updatePlan(id, { metadata: { [`${prefix}${i}`]: i, last: prefix } })
      recorded.push(now())
    }
    return recorded
  },
  /** Creates `times` plans, one after another. */
  createMany: async (prefix, times) => {
    for (let i = 0; i < times; i++) await plan({ title: `${prefix} ${i}` })
  },
  /** Listens to the plan; `heard()` gives [version, time heard] for each change. */
  listen: (id) => {
    subscribePlan(id, (p) => heard.push([p?.version ?? null, now()]))
  },
  heard: () => heard,
  /** An instance of its own that asks the browser to keep its storage: `{ persisted, browserSays }`. */
  openKept: async () => {
    kept = createCrux({ name: 'kept', persist: true })
    return { persisted: await kept.persisted(), browserSays: await navigator.storage.persisted() }
  },
  /** Calls `kept[method](...args)`: `{ value }` or `{ error: { code, message } }`. */
  kept: async (method, ...args) => {
    try {
      return { value: await kept[method](...args) }
    } catch (error) {
      return { error: { code: error?.code, message: error?.message } }
    }
  },
}

let kept

document.getElementById('state').textContent = 'ready'
