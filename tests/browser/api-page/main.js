// The public API of @crux/core as an app bundles it, on `window.Crux`, so that a test can
// script any scenario with page.evaluate (createCrux with IndexedDB, flows, plans, signals).
import * as core from '@crux/core'
import * as flows from '@crux/core/flow'
import * as plans from '@crux/core/plan'

window.Crux = { ...core, ...flows, ...plans }
document.getElementById('state').textContent = 'ready'
