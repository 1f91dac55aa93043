// A flow's declared input (`flow(name, { input: schema }, body)`): a JSON Schema object or a
// Standard Schema. When a run starts, the engine checks the input against the JSON Schema (the
// schema's own, or the one a Standard Schema exports), then the Standard Schema checks it and
// its output is what gets recorded. A refused input is INVALID_ARGUMENT and records nothing.

import { InvalidArgumentError } from './errors.js'
import { unwrap } from './engine-call.js'
import { toJsonText } from './json.js'
import { checkStandard, describeSchema } from './schema.js'
import { loadSchemaModule } from './schema-module.js'

/**
 * The `input` option of flow() as `{ jsonSchema, standard }`; undefined when not given.
 * @param {string} name the flow's name, for messages
 * @param {unknown} schema
 */
export function describeInput(name, schema) {
  if (schema === undefined) return undefined
  try {
    return describeSchema(schema)
  } catch {
    throw new InvalidArgumentError(`the input option of flow "${name}" must be a JSON Schema object or a Standard Schema (zod, valibot, arktype…)`)
  }
}

/**
 * The JSON text to record as a run's input: `input` checked against the declared schema, if
 * any. Call with the engine's limits known (after an instance is ready).
 * @param {string} name
 * @param {{ jsonSchema: Record<string, unknown> | undefined, standard: import('./schema.d.ts').StandardSchema | undefined } | undefined} declared
 * @param {unknown} input
 * @returns {Promise<string>} '' for no input
 */
export async function inputText(name, declared, input) {
  const text = toJsonText(input, `input of flow "${name}"`) ?? ''
  if (!declared) return text
  if (declared.jsonSchema !== undefined) {
    const schemaText = toJsonText(declared.jsonSchema, `input schema of flow "${name}"`) ?? ''
    const module = await loadSchemaModule()
    unwrap(module.checkFlowInput(name, schemaText, text))
  }
  if (!declared.standard) return text
  const checked = await checkStandard(declared.standard, text === '' ? undefined : JSON.parse(text))
  if (checked.issues) {
    const list = checked.issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')
    throw new InvalidArgumentError(`the input of flow "${name}" does not match its declared schema: ${list} (no run was started)`, {
      details: checked.issues,
    })
  }
  // What the schema gives back (defaults filled in, values transformed) is the recorded input.
  return toJsonText(checked.value, `input of flow "${name}" as its schema returned it`) ?? ''
}
