// The run's history in a person's words. The writer flow's steps and wait have names made for
// code ("draft-plan", "await-approval"); here they become what happened. Names the page does not
// know (a signal typed by hand) are quoted as they are.
import { dateTime } from './time-format.js'

const steps = {
  'create-plan': 'Plan created',
  'draft-plan': 'Draft written',
  'persist-plan': 'Draft ready for review',
  execute: 'Plan carried out',
  expire: 'Marked as expired',
}
const waits = { 'await-approval': 'your decision' }

/** "the 2nd time" from an event's occurrence (the same step or wait run again in a loop). */
function again(e) {
  if (!e.occurrence) return ''
  const n = e.occurrence
  const suffix = n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'
  return ` (${n}${suffix} time)`
}

const step = (e) => (steps[e.name] ?? `Step “${e.name}”`) + again(e)
const wait = (e) => (waits[e.name] ?? `the signal “${e.name}”`) + again(e)

/** The event's headline. */
export function headline(e) {
  switch (e.type) {
    case 'started': return 'Started'
    case 'step-completed': return step(e)
    case 'step-failed': return `${step(e)}: failed`
    case 'suspended': return e.data?.rejected ? `Still waiting for ${wait(e)}` : `Waiting for ${wait(e)}`
    case 'signaled':
      if (e.buffered) return `Signal “${e.name}” kept for later`
      return waits[e.name] ? 'Decision received' : `Signal “${e.name}” received`
    case 'resumed': return `Carried on after ${wait(e)}`
    case 'timed-out': return `Nobody answered: stopped waiting for ${wait(e)}`
    case 'completed': return 'Finished'
    case 'failed': return 'Stopped on an error'
    case 'cancelled': return 'Cancelled'
    default: return e.type
  }
}

/** A second line with what the event carried, if anything worth reading. */
export function detail(e) {
  if (e.type === 'suspended' && Array.isArray(e.data?.rejected)) {
    const why = e.data.rejected.map((f) => `${f.path || 'the payload'} ${f.message}`).join('; ')
    return why ? `A signal did not fit and was set aside: ${why}` : 'A signal did not fit and was set aside'
  }
  if (e.type === 'suspended' && e.data?.deadline) return `If nobody decides by ${dateTime(e.data.deadline)}, the flow stops waiting`
  if (e.type === 'signaled' && e.buffered) return 'Nothing was waiting for it; the next wait of this name will take it'
  if (e.type === 'signaled' && e.data && typeof e.data === 'object') {
    const { approved, revisions } = e.data
    if (typeof approved === 'boolean') return approved ? (revisions ? 'Approved, with your edits' : 'Approved') : 'Rejected'
  }
  if ((e.type === 'failed' || e.type === 'step-failed') && e.data?.message) return e.data.message
  return undefined
}
