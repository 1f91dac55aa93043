// A page using @crux/core's default instance (IndexedDB) as an app would. The flow is registered
// on every load, so a run suspended before a reload resumes here once signalled. The test drives
// the page through `window.crux`; `localStorage` counts how often each step really ran.
import { flow, getFlow, listFlows } from '@crux/core/flow'
import { plan, getPlan, listPlans } from '@crux/core/plan'
import { CruxError } from '@crux/core'

function countRun(step) {
  const key = `ran:${step}`
  localStorage.setItem(key, String(Number(localStorage.getItem(key) ?? 0) + 1))
}

const approval = {
  type: 'object',
  properties: { approved: { type: 'boolean' } },
  required: ['approved'],
}

const counted = flow('counted', async (flow) => {
  const draft = await flow.step('draft', async () => {
    countRun('draft')
    return `draft for ${flow.input.brief}`
  })
  const { planId } = await flow.step('persist', async () => {
    countRun('persist')
    const p = await plan({ title: flow.input.brief, content: draft, metadata: { status: 'draft', flowId: flow.flowId } })
    return { planId: p.id }
  })
  const { approved } = await flow.suspend('approve', { schema: approval, timeout: '7d' })
  return flow.step('execute', async () => {
    countRun('execute')
    return { approved, planId, done: `executed ${draft}` }
  })
})

window.crux = {
  start: async (brief) => (await counted.start({ brief })).flowId,
  status: (flowId) => getFlow(flowId).status(),
  signal: (flowId, payload) => getFlow(flowId).signal('approve', payload),
  result: (flowId) => getFlow(flowId).result(),
  history: (flowId) => getFlow(flowId).history(),
  listFlows: () => listFlows(),
  listPlans: () => listPlans(),
  getPlan: (id) => getPlan(id),
  plan: (fields) => plan(fields),
  isCruxError: (error) => error instanceof CruxError,
  ran: (step) => Number(localStorage.getItem(`ran:${step}`) ?? 0),
}
document.getElementById('state').textContent = 'ready'
