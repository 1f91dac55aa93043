// Exclusive named locks shared by the tabs of an origin: the Web Locks API where the runtime
// has it (a lock is released when its tab closes or crashes), else one process's own queue
// per name (Node, where instances of one name share a process).

const local = new Map() // name → the tail of its queue

/**
 * Runs `fn` holding the lock `name`, after whoever holds or waits for it; resolves with its result.
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
export function withLock(name, fn) {
  const locks = globalThis.navigator?.locks
  if (locks) return locks.request(name, fn)
  const previous = local.get(name) ?? Promise.resolve()
  const run = previous.then(fn)
  const tail = run.then(ignore, ignore)
  local.set(name, tail)
  tail.then(() => {
    if (local.get(name) === tail) local.delete(name)
  })
  return run
}

function ignore() {}
