// The typed errors of the public API: one CruxError subclass per stable code (DESIGN.md).
// Names are set as strings because bundlers may rename classes.

/**
 * @typedef {{ details?: unknown, cause?: unknown }} CruxErrorOptions
 */

/** Every error Crux raises on purpose; `code` is stable, `details` holds structured extras. */
export class CruxError extends Error {
  /** @param {string} code @param {string} message @param {CruxErrorOptions} [options] */
  constructor(code, message, options = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined)
    this.name = 'CruxError'
    this.code = code
    if (options.details !== undefined) this.details = options.details
  }
}

export class InvalidArgumentError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('INVALID_ARGUMENT', message, options)
    this.name = 'InvalidArgumentError'
  }
}

export class FlowNotFoundError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('FLOW_NOT_FOUND', message, options)
    this.name = 'FlowNotFoundError'
  }
}

export class FlowClosedError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('FLOW_CLOSED', message, options)
    this.name = 'FlowClosedError'
  }
}

export class SignalInvalidError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('SIGNAL_INVALID', message, options)
    this.name = 'SignalInvalidError'
  }
}

export class SuspendTimeoutError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('SUSPEND_TIMEOUT', message, options)
    this.name = 'SuspendTimeoutError'
  }
}

export class NonDeterministicError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('NON_DETERMINISTIC', message, options)
    this.name = 'NonDeterministicError'
  }
}

export class NotSerializableError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('NOT_SERIALIZABLE', message, options)
    this.name = 'NotSerializableError'
  }
}

export class PlanNotFoundError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('PLAN_NOT_FOUND', message, options)
    this.name = 'PlanNotFoundError'
  }
}

export class PlanConflictError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('PLAN_CONFLICT', message, options)
    this.name = 'PlanConflictError'
  }
}

export class StorageCorruptError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('STORAGE_CORRUPT', message, options)
    this.name = 'StorageCorruptError'
  }
}

export class StorageUnavailableError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('STORAGE_UNAVAILABLE', message, options)
    this.name = 'StorageUnavailableError'
  }
}

export class GenerateFailedError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('GENERATE_FAILED', message, options)
    this.name = 'GenerateFailedError'
  }
}

export class PayloadTooLargeError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('PAYLOAD_TOO_LARGE', message, options)
    this.name = 'PayloadTooLargeError'
  }
}

export class EngineUnavailableError extends CruxError {
  /** @param {string} message @param {CruxErrorOptions} [options] */
  constructor(message, options) {
    super('ENGINE_UNAVAILABLE', message, options)
    this.name = 'EngineUnavailableError'
  }
}

const classByCode = new Map([
  ['INVALID_ARGUMENT', InvalidArgumentError],
  ['FLOW_NOT_FOUND', FlowNotFoundError],
  ['FLOW_CLOSED', FlowClosedError],
  ['SIGNAL_INVALID', SignalInvalidError],
  ['SUSPEND_TIMEOUT', SuspendTimeoutError],
  ['NON_DETERMINISTIC', NonDeterministicError],
  ['NOT_SERIALIZABLE', NotSerializableError],
  ['PLAN_NOT_FOUND', PlanNotFoundError],
  ['PLAN_CONFLICT', PlanConflictError],
  ['STORAGE_CORRUPT', StorageCorruptError],
  ['STORAGE_UNAVAILABLE', StorageUnavailableError],
  ['GENERATE_FAILED', GenerateFailedError],
  ['PAYLOAD_TOO_LARGE', PayloadTooLargeError],
  ['ENGINE_UNAVAILABLE', EngineUnavailableError],
])

/** Every stable code, e.g. 'INVALID_ARGUMENT'. */
export const ERROR_CODES = Object.freeze([...classByCode.keys()])

/** Whether `code` is one of Crux's stable codes. */
export function isCruxCode(code) {
  return typeof code === 'string' && classByCode.has(code)
}

/**
 * The CruxError subclass for `code` (a plain CruxError for a code Crux does not know).
 * `details` is kept as given: parse the engine's JSON text first.
 * @param {string} code @param {string} message @param {unknown} [details]
 */
export function errorFromCode(code, message, details) {
  const ErrorClass = classByCode.get(code)
  const options = details === undefined ? {} : { details }
  return ErrorClass ? new ErrorClass(message, options) : new CruxError(code, message, options)
}

/**
 * Revive a run error recorded in the journal: a CruxError subclass when `code` is a Crux
 * code, otherwise an Error with the recorded name and message (and `code` if it had one).
 * @param {{ name?: string, code?: string, message?: string, details?: unknown }} record
 */
export function errorFromRecord({ name, code, message = '', details } = {}) {
  if (isCruxCode(code)) return errorFromCode(code, message, details)
  const error = new Error(message)
  if (name) error.name = name
  if (code !== undefined) error.code = code
  if (details !== undefined) error.details = details
  return error
}
