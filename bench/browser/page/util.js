// What the scenarios share: fresh instance names and waiting for a run's status without polling.
import { createCrux } from '@crux/core'

let instances = 0

/** A Crux instance on a database no earlier scenario of this profile used. */
export function freshCrux(label) {
  return createCrux({ name: `bench-${label}-${Date.now().toString(36)}-${instances++}` })
}

/** ~100 bytes of JSON: what the benchmark's steps return. */
export const smallResult = (i) => ({ i, text: 'a step result of about one hundred bytes once it is written out as JSON text.....' })

/**
 * Resolves with the run's status once it is one of `statuses` (and, if given, waits for the
 * signal `waitingFor`), as committed; rejects if the run fails or is cancelled instead.
 * Listens to the run's changes, no polling.
 */
export function whenStatus(crux, flowId, statuses, waitingFor) {
  return new Promise((resolve, reject) => {
    let unsubscribe
    let done = false
    const check = () => {
      if (done) return
      const status = crux.peekFlow(flowId)
      if (!status) return
      if (statuses.includes(status.status) && (waitingFor === undefined || status.waitingFor === waitingFor)) {
        done = true
        resolve(status)
      } else if (status.status === 'failed' || status.status === 'cancelled') {
        done = true
        reject(new Error(`run ${flowId} ${status.status}: ${status.error?.message}`))
      }
      if (done) unsubscribe?.()
    }
    unsubscribe = crux.subscribeFlow(flowId, check)
    check()
    if (done) unsubscribe()
  })
}
