// The unit every ratio is measured in: a ~1 KB put in its own readwrite transaction, in a
// database of its own, in this same browser session.
import { openKv, putOne } from './idb.js'

const value = 'x'.repeat(1024)
let next = 0

/** `count` puts one after another, after `warmup` untimed ones: each put's time in ms. */
export async function putSamples({ count, warmup = 10 }) {
  const db = await openKv('bench-baseline-puts')
  const samples = []
  try {
    for (let i = 0; i < warmup + count; i++) {
      const t0 = performance.now()
      await putOne(db, next++ % 5000, value)
      if (i >= warmup) samples.push(performance.now() - t0)
    }
  } finally {
    db.close()
  }
  return samples
}

/** The total time of `count` puts one after another (what 1,000 sequential steps compare to). */
export async function putSequence({ count }) {
  const db = await openKv('bench-baseline-puts')
  try {
    await putOne(db, 'warm', value)
    const t0 = performance.now()
    for (let i = 0; i < count; i++) await putOne(db, next++ % 5000, value)
    return performance.now() - t0
  } finally {
    db.close()
  }
}
