// Rows 1, 2, 4 and 5: new durable steps one at a time, many at once, a long run, and resuming it.
import { freshCrux, smallResult, whenStatus } from './util.js'

/** Row 1: `count` steps of one run, one after another, after `warmup` untimed ones: each step's ms. */
export async function newSteps({ count, warmup = 10 }) {
  const crux = freshCrux('steps')
  const samples = []
  try {
    const def = crux.flow('steps', async (flow) => {
      for (let i = 0; i < warmup + count; i++) {
        const t0 = performance.now()
        await flow.step(`s${i}`, () => smallResult(i))
        if (i >= warmup) samples.push(performance.now() - t0)
      }
      return 'done'
    })
    await (await def.start()).result()
    return samples
  } finally {
    await crux.close()
  }
}

/** Row 2: `batches` times, `size` steps started together (Promise.all) in one run: each batch's ms. */
export async function stepsTogether({ batches, size }) {
  const crux = freshCrux('together')
  const totals = []
  try {
    const def = crux.flow('together', async (flow) => {
      await flow.step('warm', () => smallResult(-1))
      for (let b = 0; b < batches; b++) {
        const t0 = performance.now()
        await Promise.all(Array.from({ length: size }, (_, i) => flow.step(`b${b}-s${i}`, () => smallResult(i))))
        totals.push(performance.now() - t0)
      }
      return 'done'
    })
    await (await def.start()).result()
    return totals
  } finally {
    await crux.close()
  }
}

/**
 * Rows 4 and 5: one run of `count` steps one after another (each step's ms, and the total),
 * then `resumes` times: suspend, and from the signalFlow call to the next new step's function
 * being called (each resume replays the `count` recorded steps first).
 */
export async function longRun({ count, resumes }) {
  const crux = freshCrux('long')
  const stepSamples = []
  let total
  let newStepRan // resolves with the time the step after a wait is called
  let passes = 0
  try {
    const def = crux.flow('long', async (flow) => {
      const firstPass = passes++ === 0
      const t0 = performance.now()
      for (let i = 0; i < count; i++) {
        const t = performance.now()
        await flow.step(`s${i}`, () => smallResult(i))
        if (firstPass) stepSamples.push(performance.now() - t)
      }
      if (firstPass) total = performance.now() - t0
      for (let r = 0; r < resumes; r++) {
        await flow.suspend(`go${r}`)
        await flow.step(`after${r}`, () => {
          newStepRan?.(performance.now())
          return smallResult(r)
        })
      }
      return 'done'
    })
    const handle = await def.start()
    const resumeSamples = []
    for (let r = 0; r < resumes; r++) {
      await whenStatus(crux, handle.flowId, ['suspended'], `go${r}`)
      const ran = new Promise((resolve) => {
        newStepRan = resolve
      })
      const t0 = performance.now()
      await crux.signalFlow(handle.flowId, `go${r}`, { r })
      resumeSamples.push((await ran) - t0)
      newStepRan = undefined
    }
    await handle.result()
    return { stepSamples, total, resumeSamples }
  } finally {
    await crux.close()
  }
}
