// An error told in words a person can act on, with the failing fields of a refused signal.

const explanations = {
  SIGNAL_INVALID: 'The signal was refused: its payload does not match what the flow is waiting for.',
  FLOW_CLOSED: 'This flow has already finished, so it takes no more signals.',
  SUSPEND_TIMEOUT: 'Too late: the wait for this signal timed out before it came, so it was not recorded.',
  FLOW_NOT_FOUND: 'There is no flow with this id.',
  INVALID_JSON: 'That payload is not valid JSON.',
  GENERATE_FAILED: 'The model could not be reached or returned an error.',
  STORAGE_UNAVAILABLE: 'The browser storage (IndexedDB) could not be used.',
  STORAGE_CORRUPT: 'The saved data in this browser is damaged and could not be read.',
}

export function ErrorNotice({ error, onDismiss }) {
  if (!error) return null
  const details = Array.isArray(error.details) ? error.details : []
  return (
    <div className="notice notice-error" role="alert">
      <div className="notice-body">
        <strong>{explanations[error.code] ?? 'Something went wrong.'}</strong>
        {details.length > 0 ? (
          <ul className="notice-details">
            {details.map((d, i) => (
              <li key={i}>
                <code>{d.path || '(the whole payload)'}</code> {d.message}
              </li>
            ))}
          </ul>
        ) : (
          <p>{error.message}</p>
        )}
        {error.code && <span className="notice-code">{error.code}</span>}
      </div>
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  )
}
