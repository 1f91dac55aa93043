import { useFlowHistory } from '../use-flow-history.js'
import { clockTime, dateTime, duration } from '../time-format.js'

/** A step's or wait's name, with its occurrence from the second on: "revise (2nd)". */
function callName(e) {
  if (!e.occurrence) return e.name
  const suffix = e.occurrence % 10 === 2 && e.occurrence % 100 !== 12 ? 'nd' : e.occurrence % 10 === 3 && e.occurrence % 100 !== 13 ? 'rd' : 'th'
  return `${e.name} (${e.occurrence}${suffix})`
}

const describe = {
  started: () => 'Flow started',
  'step-completed': (e) => `Step ${callName(e)} completed`,
  'step-failed': (e) => `Step ${callName(e)} failed`,
  suspended: (e) =>
    e.data?.rejected ? `Signal rejected: still waiting for ${e.data.wait ?? e.name}` : `Suspended: waiting for ${callName(e)}`,
  signaled: (e) => (e.buffered ? `Signal ${e.name} buffered (the flow was not waiting for it)` : `Signal ${e.name} received`),
  resumed: (e) => `Resumed after ${callName(e)}`,
  'timed-out': (e) => `Wait ${callName(e)} timed out`,
  completed: () => 'Flow completed',
  failed: () => 'Flow failed',
  cancelled: () => 'Flow cancelled',
}

/** What the time since the previous event was spent on. */
function spent(event, previous) {
  if (!previous) return undefined
  const ms = event.at - previous.at
  if (event.type === 'step-completed' || event.type === 'step-failed') return `took ${duration(ms)}`
  if (event.type === 'signaled' && !event.buffered && previous.type === 'suspended') return `after waiting ${duration(ms)}`
  return `+${duration(ms)}`
}

function detail(event) {
  if (event.type === 'suspended' && Array.isArray(event.data?.rejected)) {
    const why = event.data.rejected.map((f) => `${f.path || '(the whole payload)'} ${f.message}`).join('; ')
    return why ? `its payload did not fit: ${why}` : 'its payload did not fit'
  }
  if (event.type === 'signaled' && event.buffered) return 'kept for a later wait of this name'
  if (event.type === 'suspended' && event.data?.deadline) return `until ${dateTime(event.data.deadline)} at the latest`
  if (event.type === 'signaled' && event.data && typeof event.data === 'object') {
    const { approved, revisions } = event.data
    if (typeof approved === 'boolean') return approved ? (revisions ? 'approved, with revisions' : 'approved') : 'rejected'
  }
  if ((event.type === 'failed' || event.type === 'step-failed') && event.data?.message) return event.data.message
  return undefined
}

/** The run's journal: steps, suspends and signals, with their timings. */
export function HistoryTimeline({ flowId }) {
  const { events, error } = useFlowHistory(flowId)
  return (
    <section className="card timeline" aria-label="History">
      <h2>History</h2>
      {error ? (
        <p className="muted">Could not read the history: {error.message}</p>
      ) : !events ? (
        <p className="muted">Loading…</p>
      ) : (
        <ol>
          {events.map((event, i) => (
            <li key={event.seq} className={`event event-${event.type}`} data-type={event.type} data-name={event.name ?? ''}>
              <span className="event-dot" aria-hidden="true" />
              <div>
                <div className="event-title">{describe[event.type]?.(event) ?? event.type}</div>
                <div className="event-meta">
                  <time dateTime={new Date(event.at).toISOString()}>{clockTime(event.at)}</time>
                  {spent(event, events[i - 1]) && <span> · {spent(event, events[i - 1])}</span>}
                </div>
                {detail(event) && <div className="event-detail">{detail(event)}</div>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
