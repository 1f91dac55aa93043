// Row 8 (only with --large): a store larger than memory. Runs that record 4 MiB step results
// (random text, so that IndexedDB's compression cannot shrink them), then the store opened
// again in a fresh page and used.
import { createCrux } from '@crux/core'
import { smallResult, whenStatus } from './util.js'

/** `bytes` of random base64 text (bytes a multiple of 4). */
function randomText(bytes) {
  const raw = new Uint8Array((bytes / 4) * 3)
  for (let i = 0; i < raw.length; i += 65536) crypto.getRandomValues(raw.subarray(i, i + 65536))
  let binary = ''
  for (let i = 0; i < raw.length; i += 8192) binary += String.fromCharCode(...raw.subarray(i, i + 8192))
  return btoa(binary)
}

/**
 * Starts a run on store `name` that records `steps` results of `stepBytes` each, and waits
 * until it completes, fails, or records nothing for `stallMs`. Resolves to how far it got.
 */
export async function largeRun({ name, flowId, steps, stepBytes, stallMs }) {
  const crux = createCrux({ name })
  let recorded = 0
  let lastProgress = performance.now()
  const t0 = performance.now()
  try {
    const def = crux.flow('large', async (flow) => {
      for (let i = 0; i < flow.input.steps; i++) {
        await flow.step(`big${i}`, () => randomText(flow.input.stepBytes))
        recorded = i + 1
        lastProgress = performance.now()
        if (recorded % 8 === 0) console.log(`[large] ${flowId}: ${recorded} / ${flow.input.steps} steps of ${flow.input.stepBytes} B (${((performance.now() - t0) / 1000).toFixed(0)} s)`)
      }
      return recorded
    })
    const handle = await def.start({ steps, stepBytes }, { flowId })
    const stalled = new Promise((resolve) => {
      const check = setInterval(() => {
        if (performance.now() - lastProgress > stallMs) {
          clearInterval(check)
          resolve({ stalled: true })
        }
      }, 1000)
      handle.result().catch(() => {}).finally(() => clearInterval(check))
    })
    const outcome = await Promise.race([
      handle.result().then(() => ({ completed: true }), (error) => ({ error: `${error?.code ?? error?.name}: ${error?.message}` })),
      stalled,
    ])
    return { ...outcome, recorded, ms: performance.now() - t0, usage: (await navigator.storage.estimate()).usage }
  } catch (error) {
    return { error: `${error?.code ?? error?.name}: ${error?.message}`, recorded, ms: performance.now() - t0 }
  } finally {
    await crux.close().catch(() => {})
  }
}

/**
 * In a fresh page: store `name` opened (createCrux → listPlans), its runs listed, a recorded run's status read, and a new
 * run taken from start through a suspend and signal to its result.
 */
export async function largeReopen({ name, flowId }) {
  const t0 = performance.now()
  const crux = createCrux({ name })
  try {
    await crux.listPlans()
    const openMs = performance.now() - t0
    const listed = (await crux.listFlows()).length
    const status = (await crux.getFlow(flowId).status()).status
    const t1 = performance.now()
    const def = crux.flow('small', async (flow) => {
      await flow.step('one', () => smallResult(1))
      const payload = await flow.suspend('go')
      return flow.step('two', () => payload)
    })
    const handle = await def.start()
    await whenStatus(crux, handle.flowId, ['suspended'])
    await crux.signalFlow(handle.flowId, 'go', { ok: true })
    const result = await handle.result()
    return { openMs, listed, status, works: result?.ok === true, runMs: performance.now() - t1, usage: (await navigator.storage.estimate()).usage }
  } catch (error) {
    return { error: `${error?.code ?? error?.name}: ${error?.message}`, ms: performance.now() - t0 }
  } finally {
    await crux.close().catch(() => {})
  }
}
