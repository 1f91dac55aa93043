// The tests of @crux/react, run once per React major (tests/node/react.test.mjs with React 19,
// tests/node/react18.test.mjs with React 18), with Testing Library in jsdom on the real WASM
// build. Renders are counted: a hook must render once per committed change and never more.
// Everything React-related is imported dynamically, after the caller has chosen the React.
import { describe, test, after } from 'node:test'
import assert from 'node:assert/strict'

import { tickingClock, uniqueName, within } from '../node/support.mjs'

/** Defines the tests; `major` is the React version they must be running against. */
export async function hookTests(major) {
  await import('fake-indexeddb/auto')
  await import('./dom.mjs')
  const React = await import('react')
  const ReactDOM = await import('react-dom')
  const { render, act, waitFor, cleanup } = await import('@testing-library/react')
  const { createCrux, closeDefaultCrux } = await import('@crux/core')
  const { plan: createDefaultPlan } = await import('@crux/core/plan')
  const { CruxProvider, useCrux, usePlan, usePlanState, usePlans, useFlow } = await import('@crux/react')
  const h = React.createElement

  after(() => cleanup())

  /** A memory instance closed after the test, and a spy on it that counts live subscriptions. */
  function open(t, options = {}) {
    const crux = createCrux({ name: uniqueName('react'), storage: 'memory', now: tickingClock(), ...options })
    t.after(async () => {
      cleanup()
      await crux.close()
    })
    return spied(crux)
  }

  function spied(crux) {
    let live = 0
    const counted = (subscribe) => (...args) => {
      live++
      const unsubscribe = subscribe(...args)
      let done = false
      return () => {
        if (!done) live--
        done = true
        unsubscribe()
      }
    }
    const spy = {
      ...Object.fromEntries(Object.keys(crux).map((key) => [key, crux[key]])),
      ready: () => crux.ready(),
      subscribePlan: counted(crux.subscribePlan),
      subscribePlans: counted(crux.subscribePlans),
      subscribeFlow: counted(crux.subscribeFlow),
    }
    return { crux, spy, live: () => live }
  }

  /** A component that records every value its hook rendered with. */
  function recorder(useValue, show = (value) => JSON.stringify(value) ?? 'undefined') {
    const renders = []
    function Recorder(props) {
      const value = useValue(props)
      renders.push(value)
      return h('output', null, show(value))
    }
    return { Recorder, renders }
  }

  function renderWith(crux, element, { strict = false } = {}) {
    const tree = h(CruxProvider, { crux }, element)
    return render(strict ? h(React.StrictMode, null, tree) : tree)
  }

  /** The example of the documentation, verbatim but for JSX. */
  function PlanView({ planId }) {
    const plan = usePlan(planId)
    if (!plan) return h('p', null, 'Loading...')
    return h('pre', null, plan.content)
  }

  describe(`@crux/react on React ${major}`, () => {
    test(`runs against React ${major} and react-dom ${major}`, () => {
      assert.equal(React.version.split('.')[0], String(major))
      assert.equal(ReactDOM.version.split('.')[0], String(major))
    })

    test('usePlan: loading → plan → updated → deleted, one render each, none for other plans', async (t) => {
      const first = createCrux({ name: uniqueName('react-reload') })
      const created = await first.plan({ title: 'T', content: 'v1' })
      const other = await first.plan({ title: 'other' })
      await first.close()

      const { crux, spy, live } = open(t, { name: first.name, storage: 'indexeddb' })
      const { Recorder, renders } = recorder(({ planId }) => usePlan(planId), (plan) => plan?.content ?? 'none')
      const view = renderWith(spy, h(Recorder, { planId: created.id }))
      assert.deepEqual(renders, [undefined], 'the first render is the loading state')
      assert.equal(live(), 1)

      await act(() => crux.ready())
      await waitFor(() => assert.equal(view.container.textContent, 'v1'))
      assert.equal(renders.length, 2)
      assert.deepEqual({ ...renders[1] }, { ...created })

      const updated = await act(() => crux.updatePlan(created.id, { content: 'v2' }))
      assert.equal(view.container.textContent, 'v2')
      assert.equal(renders.length, 3)
      assert.equal(renders[2], updated, 'the hook renders the snapshot updatePlan returned')

      await act(() => crux.updatePlan(other.id, { content: 'elsewhere' }))
      await act(() => crux.plan({ title: 'new' }))
      assert.equal(renders.length, 3, 'changes to other plans do not render')

      await act(() => crux.deletePlan(created.id))
      assert.equal(view.container.textContent, 'none')
      assert.equal(renders.length, 4)
      assert.equal(renders[3], undefined)

      view.unmount()
      assert.equal(live(), 0, 'unmount unsubscribes')
    })

    test('the documented component: Loading... until the plan is there, then its content', async (t) => {
      const { crux, spy } = open(t)
      const p = await crux.plan({ title: 'doc', content: '1) outline' })
      const view = renderWith(spy, h(PlanView, { planId: 'plan_missing' }))
      assert.equal(view.container.textContent, 'Loading...')
      view.rerender(h(CruxProvider, { crux: spy }, h(PlanView, { planId: p.id })))
      assert.equal(view.container.textContent, '1) outline')
      await act(() => crux.updatePlan(p.id, { content: '2) draft' }))
      assert.equal(view.container.textContent, '2) draft')
    })

    test('usePlanState: loading, found, missing and idle told apart', async (t) => {
      const first = createCrux({ name: uniqueName('react-state') })
      const kept = await first.plan({ title: 'kept', content: 'v1' })
      await first.close()
      const { crux, spy } = open(t, { name: first.name, storage: 'indexeddb' })
      const { Recorder, renders } = recorder(({ planId }) => usePlanState(planId), (state) => `${state.status}:${state.plan?.content ?? ''}`)
      const view = renderWith(spy, h(Recorder, { planId: 'plan_unknown' }))
      assert.equal(view.container.textContent, 'loading:')
      await act(() => crux.ready())
      await waitFor(() => assert.equal(view.container.textContent, 'missing:'))
      view.rerender(h(CruxProvider, { crux: spy }, h(Recorder, { planId: kept.id })))
      assert.equal(view.container.textContent, 'found:v1')
      assert.equal(renders.at(-1).plan.id, kept.id)
      view.rerender(h(CruxProvider, { crux: spy }, h(Recorder, { planId: null })))
      assert.equal(view.container.textContent, 'idle:')
      view.rerender(h(CruxProvider, { crux: spy }, h(Recorder, { planId: kept.id })))
      const found = renders.at(-1)
      view.rerender(h(CruxProvider, { crux: spy }, h(Recorder, { planId: kept.id })))
      assert.equal(renders.at(-1), found, 'the same object while nothing changed')
      await act(() => crux.deletePlan(kept.id))
      assert.equal(view.container.textContent, 'missing:')
    })

    test('an instance that failed to load: usePlanState says failed; usePlan, usePlans and useFlow throw it to the error boundary', async (t) => {
      const { crux } = open(t)
      await crux.close() // ready() now rejects, as when the .wasm or the store cannot load
      const failure = await crux.ready().catch((error) => error)
      assert.equal(failure.code, 'STORAGE_UNAVAILABLE')

      const { Recorder } = recorder(() => usePlanState('plan_x'), (state) => `${state.status}:${state.error?.code}`)
      const view = renderWith(crux, h(Recorder))
      await waitFor(() => assert.equal(view.container.textContent, 'failed:STORAGE_UNAVAILABLE'))
      view.unmount()

      class Boundary extends React.Component {
        constructor(props) {
          super(props)
          this.state = { error: undefined }
        }
        static getDerivedStateFromError(error) {
          return { error }
        }
        render() {
          return this.state.error ? h('p', null, `boundary: ${this.state.error.name} ${this.state.error.code}`) : this.props.children
        }
      }
      const consoleError = console.error
      console.error = () => {} // React reports the caught error
      try {
        for (const useHook of [() => usePlan('plan_x'), () => usePlans(), () => useFlow('run_x')]) {
          const { Recorder: Thrower } = recorder(useHook)
          const caught = renderWith(crux, h(Boundary, null, h(Thrower)))
          await waitFor(() => assert.equal(caught.container.textContent, 'boundary: StorageUnavailableError STORAGE_UNAVAILABLE'))
          caught.unmount()
        }
      } finally {
        console.error = consoleError
      }
    })

    test('usePlan: a new planId resubscribes; null renders undefined without subscribing', async (t) => {
      const { crux, spy, live } = open(t)
      const a = await crux.plan({ content: 'a' })
      const b = await crux.plan({ content: 'b' })
      const { Recorder, renders } = recorder(({ planId }) => usePlan(planId), (plan) => plan?.content ?? 'none')
      const view = renderWith(spy, h(Recorder, { planId: null }))
      assert.equal(view.container.textContent, 'none')
      assert.equal(live(), 0)
      view.rerender(h(CruxProvider, { crux: spy }, h(Recorder, { planId: a.id })))
      view.rerender(h(CruxProvider, { crux: spy }, h(Recorder, { planId: b.id })))
      assert.equal(view.container.textContent, 'b')
      assert.equal(live(), 1)
      await act(() => crux.updatePlan(a.id, { content: 'a2' }))
      assert.equal(renders.length, 3, 'the old plan no longer renders')
      await act(() => crux.updatePlan(b.id, { content: 'b2' }))
      assert.equal(view.container.textContent, 'b2')
      assert.equal(renders.length, 4)
    })

    test('useFlow: running → suspended → completed as a real flow is signaled', async (t) => {
      const { crux, spy, live } = open(t)
      let release
      const gate = new Promise((resolve) => (release = resolve))
      const def = crux.flow('x', async (flow) => {
        const draft = await flow.step('draft', () => gate)
        const { approved } = await flow.suspend('approve')
        return { draft, approved }
      })
      const handle = await def.start({ brief: 'b' })
      const { Recorder, renders } = recorder(({ flowId }) => useFlow(flowId), (s) => (s ? `${s.status}${s.waitingFor ? `:${s.waitingFor}` : ''}` : 'none'))
      const view = renderWith(spy, h(Recorder, { flowId: handle.flowId }))
      assert.equal(view.container.textContent, 'running')
      assert.equal(renders[0].flowId, handle.flowId)
      assert.equal(renders[0].name, 'x')

      release('the draft')
      await waitFor(() => assert.equal(view.container.textContent, 'suspended:approve'))
      const suspended = renders.at(-1)
      assert.deepEqual({ ...suspended }, await handle.status())

      await act(() => handle.signal('approve', { approved: true }))
      await act(() => within(handle.result(), 'the flow'))
      await waitFor(() => assert.equal(view.container.textContent, 'completed'))
      const completed = renders.at(-1)
      assert.deepEqual(completed.result, { draft: 'the draft', approved: true })
      assert.deepEqual({ ...completed }, await handle.status())

      const statuses = renders.map((s) => s.status).filter((s, i, all) => s !== all[i - 1])
      assert.deepEqual([statuses[0], statuses.at(-1)], ['running', 'completed'])
      assert.ok(statuses.includes('suspended'))
      for (let i = 1; i < renders.length; i++) {
        assert.notEqual(renders[i], renders[i - 1], `render ${i} had nothing new to show`)
      }
      view.unmount()
      assert.equal(live(), 0)
    })

    test('useFlow: an unknown run renders undefined, then the run once started with that id', async (t) => {
      const { crux, spy } = open(t)
      await crux.ready()
      const def = crux.flow('later', async (flow) => flow.suspend('go'))
      const { Recorder, renders } = recorder(() => useFlow('run-later'), (s) => s?.status ?? 'none')
      const view = renderWith(spy, h(Recorder))
      assert.equal(view.container.textContent, 'none')
      await act(() => def.start(undefined, { flowId: 'run-later' }))
      await waitFor(() => assert.equal(view.container.textContent, 'suspended'))
      assert.equal(renders[0], undefined)
    })

    test('usePlans: the list, oldest first, one render per create/update/delete', async (t) => {
      const { crux, spy, live } = open(t)
      const { Recorder, renders } = recorder(() => usePlans(), (plans) => (plans ? plans.map((p) => p.title).join(',') || 'empty' : 'loading'))
      const view = renderWith(spy, h(Recorder))
      assert.equal(view.container.textContent, 'loading')
      await act(() => crux.ready())
      assert.equal(view.container.textContent, 'empty')
      const a = await act(() => crux.plan({ title: 'a' }))
      const b = await act(() => crux.plan({ title: 'b' }))
      await act(() => crux.updatePlan(a.id, { title: 'a2' }))
      await act(() => crux.deletePlan(a.id))
      assert.equal(view.container.textContent, 'b')
      assert.deepEqual(renders.map((plans) => plans?.map((p) => p.title)), [undefined, [], ['a'], ['a', 'b'], ['a2', 'b'], ['b']])
      assert.equal(renders.at(-1)[0], b)
      assert.equal(renders.at(-1), crux.peekPlans())

      const handle = await act(() => crux.flow('noise', async (flow) => flow.step('s', () => 1)).start())
      await act(() => within(handle.result(), 'noise'))
      assert.equal(renders.length, 6, 'flow changes do not render the list')
      view.unmount()
      assert.equal(live(), 0)
    })

    test('StrictMode: same output, one live subscription per hook, none after unmount', async (t) => {
      const { crux, spy, live } = open(t)
      const p = await crux.plan({ title: 't', content: 'strict' })
      const handle = await crux.flow('strict', async (flow) => flow.suspend('go')).start()
      function Page() {
        const plan = usePlan(p.id)
        const plans = usePlans()
        const status = useFlow(handle.flowId)
        return h('p', null, `${plan?.content}|${plans?.length}|${status?.status}`)
      }
      const view = renderWith(spy, h(Page), { strict: true })
      await waitFor(() => assert.equal(view.container.textContent, 'strict|1|suspended'))
      assert.equal(live(), 3)
      await act(() => crux.updatePlan(p.id, { content: 'strict 2' }))
      assert.equal(view.container.textContent, 'strict 2|1|suspended')
      await act(() => handle.signal('go', 1))
      await waitFor(() => assert.equal(view.container.textContent, 'strict 2|1|completed'))
      view.unmount()
      assert.equal(live(), 0)
    })

    test('CruxProvider picks the instance; without one the hooks use the default instance', async (t) => {
      t.after(() => closeDefaultCrux())
      const one = open(t)
      const two = open(t)
      const inOne = await one.crux.plan({ content: 'in one' })
      const byDefault = await createDefaultPlan({ content: 'in the default instance' })
      function Where({ planId }) {
        return h('span', null, `${usePlan(planId)?.content ?? 'none'};`)
      }
      const view = render(
        h('div', null,
          h(CruxProvider, { crux: one.spy }, h(Where, { planId: inOne.id })),
          h(CruxProvider, { crux: two.spy }, h(Where, { planId: inOne.id })),
          h(Where, { planId: byDefault.id }),
          h(Where, { planId: inOne.id })),
      )
      await waitFor(() => assert.equal(view.container.textContent, 'in one;none;in the default instance;none;'))

      let seen
      function Which() {
        seen = useCrux()
        return null
      }
      render(h(CruxProvider, { crux: two.spy }, h(Which)))
      assert.equal(seen, two.spy)
      const logged = []
      const consoleError = console.error
      console.error = (...args) => logged.push(args.join(' ')) // React reports the render error too
      try {
        assert.throws(() => render(h(CruxProvider, { crux: undefined })), { code: 'INVALID_ARGUMENT' })
      } finally {
        console.error = consoleError
      }
      assert.ok(logged.length > 0 || major >= 19, 'React 18 reports an uncaught render error')
    })
  })
}
