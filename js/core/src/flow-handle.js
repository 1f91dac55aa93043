// A handle on one run of a Crux instance: its methods read and change the run as it now is.

import { errorFromRecord } from './errors.js'
import { toJsonText } from './json.js'

/** A handle on one run, by id; its methods read the run's current state. */
export class FlowHandle {
  #crux

  constructor(crux, flowId) {
    this.#crux = crux
    this.flowId = flowId
    Object.freeze(this)
  }

  async status() {
    await this.#crux.enter()
    return this.#crux.call('status', this.flowId)
  }

  /** The body's return value once completed; the run's error if it failed or was cancelled. */
  async result() {
    await this.#crux.enter()
    return this.#crux.whileAwaited(async () => {
      for (;;) {
        let unsubscribe
        const changed = new Promise((resolve) => {
          unsubscribe = this.#crux.subscribeFlow(this.flowId, resolve)
        })
        try {
          const status = this.#crux.call('status', this.flowId)
          if (status.status === 'completed') return status.result
          if (status.status === 'failed' || status.status === 'cancelled') throw errorFromRecord(status.error)
          await changed
        } finally {
          unsubscribe()
        }
      }
    })
  }

  async signal(name, payload, signalOptions) {
    return this.#crux.signalFlow(this.flowId, name, payload, signalOptions)
  }

  async cancel(reason) {
    await this.#crux.ready()
    const reasonText = reason === undefined ? '' : toJsonText(reason, 'cancel reason')
    await this.#crux.write(() => this.#crux.call('cancel', this.flowId, reasonText, this.#crux.now()))
  }

  async history() {
    await this.#crux.enter()
    return this.#crux.call('history', this.flowId)
  }
}
