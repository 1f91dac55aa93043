// What the page shows when its store cannot be loaded: the error in words, its code and the
// engine's message (for a damaged store: which file, at which byte).
import { ErrorNotice } from './ErrorNotice.jsx'

export function LoadFailed({ error }) {
  return (
    <section className="card empty load-failed" aria-labelledby="load-failed-title">
      <h1 id="load-failed-title">Your plans could not be opened</h1>
      <ErrorNotice error={error} />
      <p>
        Crux left the stored data as it is. Nothing can be drafted or approved until this browser&apos;s storage for
        this page is readable again.
      </p>
    </section>
  )
}
