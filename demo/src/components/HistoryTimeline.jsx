import { useFlowHistory } from '../use-flow-history.js'
import { clockTime, duration } from '../time-format.js'
import { detail, headline } from '../timeline-words.js'

/** What the time since the previous event was spent on. */
function spent(event, previous) {
  if (!previous) return undefined
  const ms = event.at - previous.at
  if (event.type === 'step-completed' || event.type === 'step-failed') return `took ${duration(ms)}`
  if (event.type === 'signaled' && !event.buffered && previous.type === 'suspended') return `after waiting ${duration(ms)}`
  return `+${duration(ms)}`
}

/** The run's journal: steps, waits and signals, with their timings. */
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
            <li key={event.seq} className={`event event-${event.type}`} data-type={event.type} data-name={event.name ?? ''}
              title={event.name ? `${event.type} · ${event.name}` : event.type}>
              <span className="event-dot" aria-hidden="true" />
              <div>
                <div className="event-title">{headline(event)}</div>
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
