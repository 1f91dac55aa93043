// Medians and percentiles of samples.

const sorted = (xs) => [...xs].sort((a, b) => a - b)

export function median(xs) {
  if (xs.length === 0) return NaN
  const s = sorted(xs)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** The p-th percentile (0 < p ≤ 100), nearest rank. */
export function percentile(xs, p) {
  if (xs.length === 0) return NaN
  const s = sorted(xs)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

export const sum = (xs) => xs.reduce((a, b) => a + b, 0)
