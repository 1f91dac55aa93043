/** Options every Crux error accepts. */
export interface CruxErrorOptions {
  details?: unknown
  cause?: unknown
}

/** A stable error code of the public API. */
export type CruxErrorCode =
  | 'INVALID_ARGUMENT'
  | 'FLOW_NOT_FOUND'
  | 'FLOW_CLOSED'
  | 'SIGNAL_INVALID'
  | 'SUSPEND_TIMEOUT'
  | 'NON_DETERMINISTIC'
  | 'NOT_SERIALIZABLE'
  | 'PLAN_NOT_FOUND'
  | 'PLAN_CONFLICT'
  | 'STORAGE_CORRUPT'
  | 'STORAGE_UNAVAILABLE'
  | 'GENERATE_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'ENGINE_UNAVAILABLE'

/** Every error Crux raises on purpose; `code` is stable, `details` holds structured extras. */
export class CruxError extends Error {
  constructor(code: string, message: string, options?: CruxErrorOptions)
  readonly code: CruxErrorCode | (string & {})
  readonly details?: unknown
}

export class InvalidArgumentError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'INVALID_ARGUMENT'
}
export class FlowNotFoundError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'FLOW_NOT_FOUND'
}
export class FlowClosedError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'FLOW_CLOSED'
}
export class SignalInvalidError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'SIGNAL_INVALID'
}
export class SuspendTimeoutError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'SUSPEND_TIMEOUT'
}
export class NonDeterministicError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'NON_DETERMINISTIC'
}
export class NotSerializableError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'NOT_SERIALIZABLE'
}
export class PlanNotFoundError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'PLAN_NOT_FOUND'
}
export class PlanConflictError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'PLAN_CONFLICT'
}
export class StorageCorruptError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'STORAGE_CORRUPT'
}
export class StorageUnavailableError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'STORAGE_UNAVAILABLE'
}
export class GenerateFailedError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'GENERATE_FAILED'
}
export class PayloadTooLargeError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'PAYLOAD_TOO_LARGE'
}
/**
 * The engine (crux.wasm) could not be fetched, compiled or started; `cause` holds the original
 * error. Also a call that needed the JSON Schema validator (crux-schema.wasm) when it could not
 * be loaded: that call alone fails, and the message says why.
 */
export class EngineUnavailableError extends CruxError {
  constructor(message: string, options?: CruxErrorOptions)
  readonly code: 'ENGINE_UNAVAILABLE'
}

/** Every stable code, e.g. 'INVALID_ARGUMENT'. */
export const ERROR_CODES: readonly CruxErrorCode[]

/** Whether `code` is one of Crux's stable codes. */
export function isCruxCode(code: unknown): code is CruxErrorCode

/** The CruxError subclass for `code` (a plain CruxError for a code Crux does not know). */
export function errorFromCode(code: string, message: string, details?: unknown): CruxError

/** Revive a run error recorded in the journal. */
export function errorFromRecord(record: {
  name?: string
  code?: string
  message?: string
  details?: unknown
}): Error & { code?: string; details?: unknown }
