// Issue 10 item 14, measured: 15 signals sent around a '1s' deadline (990–1018 ms after the
// suspend, on the real clock). Counts what the sender was told against what the run did.
// "told-ok-but-timed-out" is the bug: a signal acknowledged that nothing consumed.
// Usage: node bench/signal-deadline-race.mjs
import 'fake-indexeddb/auto'
import { createCrux } from '@crux/core'

const tally = { delivered: 0, refusedTimedOut: 0, refusedClosed: 0, 'told-ok-but-timed-out': 0, signaledBeforeTimedOut: 0 }
for (let i = 0; i < 15; i++) {
  const crux = createCrux({ name: `race-${process.pid}-${i}`, storage: 'memory' })
  const def = crux.flow('race', async (flow) => {
    try {
      return { got: await flow.suspend('go', { timeout: '1s' }) }
    } catch (error) {
      return { error: error.code }
    }
  })
  const handle = await def.start()
  while ((await handle.status()).status !== 'suspended') await new Promise((resolve) => setTimeout(resolve, 2))
  const suspendedAt = (await handle.history()).find((e) => e.type === 'suspended').at
  while (Date.now() < suspendedAt + 990 + i * 2) await new Promise((resolve) => setTimeout(resolve, 1))
  let answer
  try {
    answer = (await handle.signal('go', i))?.outcome ?? 'resolved'
  } catch (error) {
    answer = error.code
  }
  const result = await handle.result()
  const types = (await handle.history()).map((e) => e.type)
  if (result.got === i) tally.delivered++
  else if (answer === 'SUSPEND_TIMEOUT') tally.refusedTimedOut++
  else if (answer === 'FLOW_CLOSED') tally.refusedClosed++
  else tally['told-ok-but-timed-out']++
  const signaled = types.indexOf('signaled')
  if (signaled >= 0 && types.includes('timed-out') && signaled < types.indexOf('timed-out')) tally.signaledBeforeTimedOut++
  await crux.close()
}
console.log(JSON.stringify(tally))
