// Flow definitions: the two forms of flow(), and what registering a name again does.
//
//   flow(name, body)
//   flow(name, { input: schema }, body)   // the input is checked when a run starts (flow-input.js)
//
// A run belongs to its flow's name, not to a definition object: it outlives the page that
// started it. Registering a name again replaces its definition for every run of that name,
// including runs started through an earlier definition's start(). Hot reload (Vite, Next.js)
// re-registers from the same module, which is quiet; in development, a registration from
// another module warns, as two flows sharing a name is almost always a mistake.

import { InvalidArgumentError } from './errors.js'
import { options as optionsOf, text } from './engine-call.js'
import { describeInput, inputText } from './flow-input.js'

const FLOW_OPTIONS = ['input']

/**
 * What flow(name, ...rest) was given, checked: `{ name, body, input }`.
 * @param {unknown} name
 * @param {unknown[]} rest `[body]` or `[options, body]`
 */
export function readDefinition(name, rest) {
  if (handedOver !== undefined && handedOver.name === name) return handedOver
  text(name, 'flow name')
  const [first, second] = rest
  if (typeof first === 'function' && rest.length <= 1) return { name, body: first, input: undefined, site: callerSite() }
  if (rest.length >= 2 || (first !== null && typeof first === 'object')) {
    const given = optionsOf(first, `options of flow "${name}"`)
    const unknown = Object.keys(given).filter((key) => !FLOW_OPTIONS.includes(key))
    if (unknown.length > 0) {
      throw new InvalidArgumentError(`unknown option ${unknown.map((key) => JSON.stringify(key)).join(', ')} of flow "${name}" (known: input)`)
    }
    if (typeof second !== 'function') throw new InvalidArgumentError(`flow "${name}" needs an async function body after its options`)
    return { name, body: second, input: describeInput(name, given.input), site: callerSite() }
  }
  throw new InvalidArgumentError(`flow "${name}" needs an async function body`)
}

/**
 * The registrations of one instance (or of the default instance before it exists), by name.
 * Warns, outside production, when a name is registered again from another module.
 */
export class FlowRegistry {
  #byName = new Map()

  /** @param {{ name: string, body: Function, input: unknown, site: string | undefined }} definition */
  add(definition) {
    const previous = this.#byName.get(definition.name)
    if (previous && previous.body !== definition.body && previous.site && definition.site && previous.site !== definition.site) {
      console.warn(
        `[crux] flow "${definition.name}" was registered again from another module (first ${previous.site}, now ${definition.site}): ` +
          `the new definition replaces the first for every run of "${definition.name}", including runs started through the first one's start(). ` +
          'Give each flow its own name. (Registering again from the same module, as hot reload does, replaces it quietly.)',
      )
    }
    this.#byName.set(definition.name, definition)
  }

  get(name) {
    return this.#byName.get(name)
  }

  /** Every registration, oldest first; empties the registry. */
  take() {
    const all = [...this.#byName.values()]
    this.#byName.clear()
    return all
  }
}

const registries = new WeakMap()
/** Each instance's way to start a run: `(name, flowId | undefined, inputText) => Promise<FlowHandle>`. */
const starters = new WeakMap()

/** Called by each instance as it is made: how its definitions start runs. */
export function bindStarter(crux, start) {
  starters.set(crux, start)
}
/** A definition read earlier, being registered on an instance as it was (see handOver). */
let handedOver

/** Registers a definition read earlier (its site kept) on `crux`, through crux.flow. */
export function handOver(crux, definition) {
  handedOver = definition
  try {
    return crux.flow(definition.name)
  } finally {
    handedOver = undefined
  }
}

/**
 * Registers `definition` on `crux` and returns the definition object (`{ name, start }`).
 * `register(body)` is the instance's own bookkeeping (what its passes run, resuming runs).
 */
export function defineFlow(crux, definition, register) {
  let registry = registries.get(crux)
  if (!registry) registries.set(crux, (registry = new FlowRegistry()))
  registry.add(definition)
  register(definition.body)
  return definitionObject(definition, () => crux)
}

/**
 * `{ name, start }`: start() runs on the instance `crux()` returns, checking the input against
 * the declared schema of the name's latest registration there (else of `definition`).
 */
export function definitionObject(definition, crux) {
  const { name } = definition
  return Object.freeze({
    name,
    async start(input, startOptions) {
      const instance = crux()
      await instance.ready()
      const { flowId: givenFlowId } = optionsOf(startOptions, 'start options')
      const flowId = givenFlowId === undefined ? undefined : text(givenFlowId, 'flowId')
      const latest = registries.get(instance)?.get(name) ?? definition
      const recorded = await inputText(name, latest.input, input)
      return starters.get(instance)(name, flowId, recorded)
    },
  })
}

/**
 * The module that called flow(), as a URL or path without line, column or query (hot reload
 * adds `?t=…`); undefined in production builds, or where the stack does not say. Crux's own
 * frames are skipped.
 */
function callerSite() {
  if (isProduction()) return undefined
  const stack = new Error().stack ?? ''
  const own = siteOf(import.meta.url)
  for (const line of stack.split('\n').slice(1)) {
    const match = /((?:[a-z][a-z0-9+.-]*:\/\/\/?|\/)[^\s()]*?)(?::\d+){1,2}\)?\s*$/i.exec(line)
    if (!match) continue
    const site = siteOf(match[1])
    if (site === own || /@crux[/_+]core|\/js\/core\/src\/|\/\.vite\/deps\//.test(site)) continue
    return site
  }
  return undefined
}

function siteOf(url) {
  return url.replace(/[?#].*$/, '')
}

function isProduction() {
  try {
    // Bundlers replace process.env.NODE_ENV; a page without one has no `process`.
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}
