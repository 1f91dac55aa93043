/** The Standard Schema interface (standardschema.dev), as much of it as Crux uses. */
export interface StandardSchema<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (
      value: unknown,
    ) => StandardResult<Output> | Promise<StandardResult<Output>>
    readonly jsonSchema?: {
      readonly input: (options: { target: string; libraryOptions?: Record<string, unknown> | undefined }) => Record<string, unknown>
    } | undefined
    readonly types?: { readonly input: Input; readonly output: Output } | undefined
  }
}

export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | {
      readonly issues: ReadonlyArray<{
        readonly message: string
        readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
      }>
    }

/** Where a signal schema goes: C++ validates with `jsonSchema`, JS with `standard` on resume. */
export interface SchemaDescription {
  jsonSchema: Record<string, unknown> | boolean | undefined
  standard: StandardSchema | undefined
}

/** Split a `schema` option (JSON Schema object or Standard Schema; undefined for none). */
export function describeSchema(schema: unknown): SchemaDescription

/** Validate with a Standard Schema; rejects with SignalInvalidError listing each issue. */
export function validateStandard<Output>(standard: StandardSchema<unknown, Output>, value: unknown): Promise<Output>

/** Validate with a Standard Schema: the output, or the issues as `[{ path, message }]`. */
export function checkStandard<Output>(
  standard: StandardSchema<unknown, Output>,
  value: unknown,
): Promise<{ value: Output; issues?: undefined } | { issues: { path: string; message: string }[] }>
