'use client'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { usePlanState, usePlans } from '@crux/react'
import { approvePlan, crux, writerFlow } from './crux'

export function NewPlan() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  async function draft(form: FormData) {
    setBusy(true)
    const run = await writerFlow.start({ title: String(form.get('title')), brief: String(form.get('brief')) })
    // The plan exists once the run has passed its persist-plan step.
    for (;;) {
      const plan = (await crux.listPlans()).find((p) => p.metadata.flowId === run.flowId)
      if (plan) return router.push(`/plans/${plan.id}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  return (
    <form action={draft}>
      <input name="title" placeholder="Title" required />
      <input name="brief" placeholder="Brief" required />
      <button type="submit" disabled={busy}>
        Draft plan
      </button>
    </form>
  )
}

export function PlanList() {
  const plans = usePlans()
  if (!plans) return <p>Loading...</p>
  return (
    <ul id="plans">
      {plans.map((plan) => (
        <li key={plan.id}>
          <Link href={`/plans/${plan.id}`}>{plan.title}</Link> ({String(plan.metadata.status)})
        </li>
      ))}
    </ul>
  )
}

export function PlanView({ planId }: { planId: string }) {
  const state = usePlanState(planId)
  if (state.status === 'loading' || state.status === 'idle') return <p id="plan-state">Loading...</p>
  if (state.status === 'missing') return <p id="plan-state">No plan {planId}</p>
  if (state.status === 'failed') return <p id="plan-state">Could not load: {state.error.message}</p>
  const { plan } = state
  const status = String(plan.metadata.status)
  const flowId = String(plan.metadata.flowId)
  return (
    <article>
      <h1>{plan.title}</h1>
      <pre id="content">{plan.content}</pre>
      <p>
        Status: <span id="status">{status}</span>
      </p>
      {status === 'draft' && <button onClick={() => approvePlan(plan.id, flowId, 'shorter')}>Approve</button>}
      <Link href="/">All plans</Link>
    </article>
  )
}
