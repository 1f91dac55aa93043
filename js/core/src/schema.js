// Signal schemas: a JSON Schema object, or a Standard Schema (zod 4, valibot, arktype) whose
// JSON Schema, where the library offers one, is stored with the wait so that C++ validates
// a signal when it is sent; the Standard Schema itself validates again on resume.

import { InvalidArgumentError, SignalInvalidError } from './errors.js'

/**
 * @typedef {import('./schema.d.ts').StandardSchema} StandardSchema
 * @typedef {{ jsonSchema: Record<string, unknown> | boolean | undefined, standard: StandardSchema | undefined }} SchemaDescription
 */

/**
 * Split a `schema` option into the JSON Schema C++ validates with and the Standard Schema
 * JS validates with on resume. `undefined` means no schema.
 * @param {unknown} schema
 * @returns {SchemaDescription}
 */
export function describeSchema(schema) {
  if (schema === undefined) return { jsonSchema: undefined, standard: undefined }
  if (isStandardSchema(schema)) return { jsonSchema: jsonSchemaOf(schema), standard: schema }
  // `true` and `false` are JSON Schemas too (anything / nothing).
  if (isPlainObject(schema) || typeof schema === 'boolean') return { jsonSchema: schema, standard: undefined }
  throw new InvalidArgumentError('schema must be a JSON Schema (an object, true or false) or a Standard Schema (zod, valibot, arktype…)')
}

/**
 * Validate `value` with a Standard Schema. Resolves to the validated output; a rejected
 * value is a SignalInvalidError listing each issue as `path: message`, its details
 * `[{ path, message }]` as the engine's.
 * @param {StandardSchema} standard
 * @param {unknown} value
 */
export async function validateStandard(standard, value) {
  const result = await checkStandard(standard, value)
  if (!result.issues) return result.value
  const { issues } = result
  const list = issues.map((issue) => `${issue.path || '/'}: ${issue.message}`).join('; ')
  throw new SignalInvalidError(`signal payload does not match the schema: ${list}`, { details: issues })
}

/**
 * Validate `value` with a Standard Schema: `{ value }` (the validated output), or `{ issues }`
 * as `[{ path, message }]` with JSON Pointer paths, as the engine lists schema failures.
 * @param {StandardSchema} standard
 * @param {unknown} value
 * @returns {Promise<{ value: unknown, issues?: undefined } | { issues: { path: string, message: string }[] }>}
 */
export async function checkStandard(standard, value) {
  const result = await standard['~standard'].validate(value)
  if (!result.issues) return { value: result.value }
  return { issues: result.issues.map((issue) => ({ path: pointerOf(issue.path), message: String(issue.message) })) }
}

function isStandardSchema(schema) {
  const props = schema !== null && (typeof schema === 'object' || typeof schema === 'function') ? schema['~standard'] : undefined
  return typeof props?.validate === 'function'
}

/** The input JSON Schema through the Standard JSON Schema interface, or undefined where none. */
function jsonSchemaOf(schema) {
  const props = schema['~standard']
  // unrepresentable: 'any' is zod's way to keep the representable part (a z.date() member
  // becomes {}) instead of throwing; other libraries ignore libraryOptions they do not know.
  const options = { target: 'draft-2020-12', libraryOptions: { unrepresentable: 'any' } }
  try {
    if (typeof props.jsonSchema?.input === 'function') return props.jsonSchema.input(options)
    // zod 4 releases older than the Standard JSON Schema interface.
    if (props.vendor === 'zod' && typeof schema.toJSONSchema === 'function') {
      return schema.toJSONSchema({ target: 'draft-2020-12', io: 'input', unrepresentable: 'any' })
    }
  } catch {
    // No JSON Schema for this one: the Standard Schema still validates on resume.
  }
  return undefined
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/** A Standard Schema issue path as a JSON Pointer, e.g. "/revisions" or "/items/0". */
function pointerOf(path) {
  if (!path) return ''
  return path
    .map((segment) => {
      const key = typeof segment === 'object' && segment !== null ? segment.key : segment
      return '/' + String(key).replaceAll('~', '~0').replaceAll('/', '~1')
    })
    .join('')
}
