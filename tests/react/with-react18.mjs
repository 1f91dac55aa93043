// Makes 'react' and 'react-dom' (and their subpaths) mean React 18 from tests/react18 for
// everything imported after this module: the ESM resolve hook covers import (@crux/react, the
// tests), the CJS patch covers require (Testing Library, react-dom itself). Import it first,
// then import the rest dynamically.
import { register, createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const fixture = new URL('../react18/package.json', import.meta.url)
const reactPackage = /^react(-dom)?(\/.*)?$/

register('./react18-resolve-hook.mjs', import.meta.url, { data: { fixture: fixture.href } })

const Module = createRequire(import.meta.url)('node:module')
const fixturePath = fileURLToPath(fixture)
// A stand-in for a module in tests/react18: resolving from it finds tests/react18/node_modules first.
const fixtureModule = { id: fixturePath, filename: fixturePath, paths: Module._nodeModulePaths(dirname(fixturePath)) }
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  return resolveFilename.call(this, request, reactPackage.test(request) ? fixtureModule : parent, ...rest)
}
