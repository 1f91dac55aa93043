// API keys must never reach an error message: a provider may echo the key it refused.

import { CruxError } from '@crux/core'

/** `error` (a CruxError: others carry no provider text) with every occurrence of `secret` in its message and details replaced. */
export function redact(error, secret) {
  if (!secret || secret.length < 4 || !(error instanceof CruxError)) return error
  const scrub = (value) => (typeof value === 'string' ? value.split(secret).join('[redacted]') : value)
  error.message = scrub(error.message)
  if (error.details && typeof error.details === 'object') {
    for (const [key, value] of Object.entries(error.details)) error.details[key] = scrub(value)
  }
  if (typeof error.stack === 'string') error.stack = scrub(error.stack)
  return error
}
