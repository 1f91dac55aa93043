// The public API of @crux/core as an app bundles it, on `window.Crux`, so that a test can
// script any scenario with page.evaluate (createCrux with IndexedDB, flows, plans, signals).
// `window.V1`: the v1 fixture store's flow definitions, clocks and IDBFS seed/dump
// (tests/support/v1-store.mjs), for tests/browser/store-migration.test.mjs.
import * as core from '@crux/core'
import * as flows from '@crux/core/flow'
import * as plans from '@crux/core/plan'
import * as v1Store from '../../support/v1-store.mjs'

window.Crux = { ...core, ...flows, ...plans }
window.V1 = v1Store
document.getElementById('state').textContent = 'ready'
