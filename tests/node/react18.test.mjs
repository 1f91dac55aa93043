// @crux/react on React 18 (from the tests/react18 workspace): the same tests as react.test.mjs.
// 'react' must be redirected before anything imports it, hence the dynamic imports.
await import('../react/with-react18.mjs')
const { hookTests } = await import('../react/hook-tests.mjs')

await hookTests(18)
