// Module resolve hook (registered by with-react18.mjs): resolves 'react', 'react-dom' and their
// subpaths from tests/react18, where npm installs React 18.
const reactPackage = /^react(-dom)?(\/.*)?$/
let fixture

export function initialize(data) {
  fixture = data.fixture
}

export function resolve(specifier, context, nextResolve) {
  if (reactPackage.test(specifier)) return nextResolve(specifier, { ...context, parentURL: fixture })
  return nextResolve(specifier, context)
}
