// Engine builds side by side in one Node process, for the benchmarks that compare them
// (engine-builds.mjs, json-numbers.mjs): each directory holds a crux.mjs + crux.wasm (a build
// directory, or a copy of js/core/dist).
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { moduleLoader } from '../js/core/src/wasm-node.js'

/** The build directories given on the command line; exits with the usage line when there are none. */
export function buildDirs(script) {
  const dirs = process.argv.slice(2)
  if (dirs.length === 0) {
    console.error(`usage: node bench/${script} <build dir> [<build dir> ...]`)
    process.exit(2)
  }
  return dirs
}

/** For each directory, a function that makes a fresh instance of its module (fresh memory, as a page has). */
export async function instanceMakers(dirs) {
  const makers = {}
  for (const dir of dirs) {
    const { default: factory } = await import(pathToFileURL(resolve(dir, 'crux.mjs')).href)
    const load = moduleLoader(pathToFileURL(resolve(dir, 'crux.wasm')))
    makers[dir] = async () => factory({ ...(await load()) })
  }
  return makers
}

/** The engine's functions on an instance; builds before the door became functions had an Embind class. */
export function engineOf(module) {
  return module.Engine ? new module.Engine() : module
}
