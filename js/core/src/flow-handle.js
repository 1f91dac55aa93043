// A handle on one run of a Crux instance: its methods read and change the run as it now is.

import { errorFromRecord } from './errors.js'

/** A handle on one run, by id; its methods read the run's current state. */
export class FlowHandle {
  #crux

  /** @param {{ status, history, result, cancel, signal }} crux what a handle may ask of its instance */
  constructor(crux, flowId) {
    this.#crux = crux
    this.flowId = flowId
    Object.freeze(this)
  }

  async status() {
    return this.#crux.status(this.flowId)
  }

  /** The body's return value once completed; the run's error if it failed or was cancelled. */
  async result() {
    return this.#crux.result(this.flowId, (status) => {
      if (status.status === 'completed') return { value: status.result }
      if (status.status === 'failed' || status.status === 'cancelled') throw errorFromRecord(status.error)
      return undefined
    })
  }

  async signal(name, payload, signalOptions) {
    return this.#crux.signal(this.flowId, name, payload, signalOptions)
  }

  async cancel(reason) {
    return this.#crux.cancel(this.flowId, reason)
  }

  async history() {
    return this.#crux.history(this.flowId)
  }
}
