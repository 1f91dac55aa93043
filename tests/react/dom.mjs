// A jsdom document as the global environment React DOM and Testing Library expect. Only names
// Node does not already have are copied from the window, so Node's own fetch, timers and
// (fake-)indexedDB stay as they are.
import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' })
for (const name of Object.getOwnPropertyNames(dom.window)) {
  if (!(name in globalThis)) {
    Object.defineProperty(globalThis, name, { configurable: true, get: () => dom.window[name] })
  }
}
// React warns about state updates outside act() only where this says tests use act().
globalThis.IS_REACT_ACT_ENVIRONMENT = true
