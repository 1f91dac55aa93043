import { useState } from 'react'

/**
 * Runs one user action at a time: `busy` while it runs, its `error` if it fails. With
 * `staysBusy`, a success leaves `busy` set (the component goes away once the action lands).
 */
export function useAction({ staysBusy = false } = {}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState()

  async function act(action) {
    setBusy(true)
    setError(undefined)
    try {
      await action()
      if (!staysBusy) setBusy(false)
    } catch (failure) {
      setError(failure)
      setBusy(false)
    }
  }

  return { busy, error, act, clearError: () => setError(undefined) }
}
