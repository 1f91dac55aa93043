// The v1 fixture store (tests/fixtures/stores/v1-all-states/), the part a page can load too:
// the flow definitions its runs belong to, its clocks, and IDBFS's IndexedDB layout (seed and
// dump). No imports, no Node APIs: tests/browser/api-page bundles this file as it is.
// The generator (tests/fixtures/stores/make-v1-store.mjs) and the tests share these bodies, so
// a run recorded by the generator resumes in a test exactly where it stopped.

/** The generator's clock starts here (every `at`, createdAt and deadline derives from it). */
export const GENERATED_FROM = Date.UTC(2030, 0, 1)
/**
 * The clock the fixture is opened with: one day later, past the 1 h deadline of the
 * "expiring" run (so opening records its timeout) and before every other deadline (10 d, 30 d).
 */
export const OPEN_AT = Date.UTC(2030, 0, 2)

/** The runs in the fixture, by the state the generator left them in. */
export const FLOW_IDS = Object.freeze({
  completed: 'v1-completed',
  loop: 'v1-loop',
  failed: 'v1-failed',
  cancelled: 'v1-cancelled',
  approval: 'v1-approval',
  buffered: 'v1-buffered',
  sleeper: 'v1-sleeper',
  expiring: 'v1-expiring',
  interrupted: 'v1-interrupted',
})

/** The JSON Schema of the approval run's suspend. */
export const APPROVAL_SCHEMA = Object.freeze({
  type: 'object',
  properties: { approved: { type: 'boolean' }, note: { type: 'string' } },
  required: ['approved'],
  additionalProperties: false,
})

/**
 * Registers the fixture's flow definitions on `crux`. `slow` is the function of the
 * interrupted run's second step: the generator passes one that never settles (the instance is
 * closed while it is pending); a test passes one that returns.
 */
export function defineV1Flows(crux, { slow = () => new Promise(() => {}) } = {}) {
  return {
    order: crux.flow('v1-order', async (flow) => {
      const priced = await flow.step('price', () => ({ total: flow.input.qty * 5, currency: 'EUR' }))
      const receipt = await flow.step('receipt', () => `receipt #${flow.input.qty} for ${priced.total}`)
      return { ...priced, receipt }
    }),
    loop: crux.flow('v1-loop', async (flow) => {
      let sum = 0
      for (const n of flow.input.items) sum += await flow.step('add', () => n)
      return { sum, count: flow.input.items.length }
    }),
    failing: crux.flow('v1-failing', async (flow) => {
      await flow.step(
        'flaky',
        () => {
          const error = new Error('upstream said no')
          error.code = 'E_UPSTREAM'
          throw error
        },
        { retries: 2, backoff: 0 },
      )
      return 'unreachable'
    }),
    cancellable: crux.flow('v1-cancellable', async (flow) => {
      await flow.step('prepare', () => 'prepared')
      return flow.suspend('decision', { timeout: '30d' })
    }),
    approval: crux.flow('v1-approval', async (flow) => {
      const draft = await flow.step('draft', () => ({ text: `draft of ${flow.input.topic}` }))
      const decision = await flow.suspend('approve', { schema: APPROVAL_SCHEMA, timeout: '30d' })
      const published = await flow.step('publish', () => (decision.approved ? 'published' : 'shelved'))
      return { draft: draft.text, decision, published }
    }),
    buffered: crux.flow('v1-buffered', async (flow) => {
      const first = await flow.suspend('first')
      const second = await flow.suspend('second')
      return { first, second }
    }),
    sleeper: crux.flow('v1-sleeper', async (flow) => {
      await flow.step('before', () => 'awake')
      await flow.sleep('nap', '10d')
      return flow.step('after', () => 'rested')
    }),
    expiring: crux.flow('v1-expiring', async (flow) => {
      try {
        return { reply: await flow.suspend('reply', { timeout: '1h' }) }
      } catch (error) {
        if (error?.code === 'SUSPEND_TIMEOUT') return { timedOut: true }
        throw error
      }
    }),
    interrupted: crux.flow('v1-interrupted', async (flow) => {
      const first = await flow.step('first', () => 'done before the close')
      const second = await flow.step('slow', slow)
      return { first, second }
    }),
  }
}

/**
 * What the public API answers about every run of the fixture (status() and history()),
 * listFlows(), listPlans(), and getPlan() of each id in `planIds` (null for a missing plan), as
 * plain JSON (the same in Node and in a page).
 */
export async function readV1Answers(crux, planIds) {
  const flows = {}
  for (const flowId of Object.values(FLOW_IDS)) {
    const handle = crux.getFlow(flowId)
    flows[flowId] = { status: await handle.status(), history: await handle.history() }
  }
  const listFlows = await crux.listFlows()
  const plans = await crux.listPlans()
  const byId = {}
  for (const id of planIds) byId[id] = (await crux.getPlan(id)) ?? null
  return JSON.parse(JSON.stringify({ flows, listFlows, plans, byId }))
}

// ---- IDBFS's layout in IndexedDB (Emscripten's library_idbfs.js) ----

/** IDBFS opens its database at this version and creates this object store and index. */
export const IDBFS_VERSION = 21
export const IDBFS_STORE = 'FILE_DATA'

/** The database of store `name`: IDBFS names it after the mount point. */
export function databaseName(name) {
  return `/crux/${name}`
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'))
  })
}

/**
 * Creates store `name`'s database in `factory` (an IDBFactory) as IDBFS would have left it
 * holding `entries` (`{ file, mode, timestamp, contents }`, timestamp in ms, contents bytes):
 * database version 21, object store FILE_DATA with out-of-line keys (the file's path) and an
 * index `timestamp` on `timestamp`, values `{ timestamp: Date, mode, contents: Uint8Array }`.
 * Refuses a database that already exists.
 */
export async function seedStore(factory, name, entries) {
  let existed = false
  const open = factory.open(databaseName(name), IDBFS_VERSION)
  open.onupgradeneeded = (event) => {
    if (event.oldVersion !== 0) {
      existed = true
      return
    }
    const files = open.result.createObjectStore(IDBFS_STORE)
    files.createIndex('timestamp', 'timestamp', { unique: false })
  }
  const db = await request(open)
  try {
    if (existed || !db.objectStoreNames.contains(IDBFS_STORE)) throw new Error(`database ${databaseName(name)} already exists`)
    const tx = db.transaction([IDBFS_STORE], 'readwrite')
    const files = tx.objectStore(IDBFS_STORE)
    if ((await request(files.count())) !== 0) throw new Error(`database ${databaseName(name)} already holds entries`)
    for (const { file, mode, timestamp, contents } of entries) {
      files.put({ timestamp: new Date(timestamp), mode, contents: new Uint8Array(contents) }, `${databaseName(name)}/${file}`)
    }
    await done(tx)
  } finally {
    db.close()
  }
}

/**
 * Every entry of store `name`'s database, sorted by path: `{ path, mode, timestamp, contents }`
 * (timestamp in ms; contents a Uint8Array, or null for an entry without contents, as IDBFS
 * keeps a directory).
 */
export async function dumpStore(factory, name) {
  const db = await request(factory.open(databaseName(name)))
  try {
    if (!db.objectStoreNames.contains(IDBFS_STORE)) return []
    const files = db.transaction([IDBFS_STORE], 'readonly').objectStore(IDBFS_STORE)
    const [keys, values] = await Promise.all([request(files.getAllKeys()), request(files.getAll())])
    return keys
      .map((path, i) => ({
        path,
        mode: values[i].mode,
        timestamp: values[i].timestamp instanceof Date ? values[i].timestamp.getTime() : values[i].timestamp,
        contents: ArrayBuffer.isView(values[i].contents) ? new Uint8Array(values[i].contents) : null,
      }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  } finally {
    db.close()
  }
}
