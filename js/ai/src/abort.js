// Aborting through an AbortSignal, as fetch does: the promise rejects with an AbortError.

/** The error an aborted call rejects with: the signal's reason if it is an AbortError, else a new one. */
export function abortError(signal) {
  const reason = signal?.reason
  if (reason instanceof Error && reason.name === 'AbortError') return reason
  return new DOMException('The generate call was aborted', 'AbortError')
}

export function throwIfAborted(signal) {
  if (signal?.aborted) throw abortError(signal)
}

/** Waits `ms`, or rejects with an AbortError as soon as `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal))
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
