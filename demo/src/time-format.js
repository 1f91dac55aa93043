// Times and durations as the timeline and the plan list print them.

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export const clockTime = (ms) => clock.format(new Date(ms))
export const dateTime = (ms) => date.format(new Date(ms))

/** "850 ms", "2.4 s", "3 min 5 s", "2 h 10 min", "7 d" */
export function duration(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ${minutes % 60} min`
  return `${Math.round(hours / 24)} d`
}

/** "just now", "5 min ago", "3 h ago", or the date */
export function ago(ms, now = Date.now()) {
  const elapsed = now - ms
  if (elapsed < 45_000) return 'just now'
  if (elapsed < 3_600_000) return `${Math.round(elapsed / 60_000)} min ago`
  if (elapsed < 86_400_000) return `${Math.round(elapsed / 3_600_000)} h ago`
  return dateTime(ms)
}
