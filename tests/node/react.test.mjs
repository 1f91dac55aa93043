// @crux/react on React 19, the root's React (the tests: tests/react/hook-tests.mjs).
import { hookTests } from '../react/hook-tests.mjs'

await hookTests(19)
