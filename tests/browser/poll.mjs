// Bounded polling for the browser tests.

/**
 * Calls `read` until `accept(value)` holds and returns that value; fails after `timeout` ms
 * naming `what` and the last value seen.
 * @template T
 * @param {string} what
 * @param {() => Promise<T> | T} read
 * @param {(value: T) => boolean} accept
 */
export async function poll(what, read, accept, { timeout = 10_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout
  let last
  for (;;) {
    last = await read()
    if (accept(last)) return last
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`)
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}
