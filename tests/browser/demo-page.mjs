// The demo page as a person uses it, for the tests: fill the form, read the plan, press the
// review buttons, read the history timeline. Everything goes through what is on screen.
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { poll } from './poll.mjs'

/** Where the screenshots go: under build/ (gitignored), kept after the run as the tests' artifacts. */
export const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '../../build/test-artifacts/demo')

export class DemoPage {
  /** @param {import('playwright-core').Page} page @param {string} url the served demo */
  constructor(page, url) {
    this.page = page
    this.url = url
  }

  /** Opens the demo (on a run's page when `flowId` is given) and waits for it to render. */
  async open(flowId) {
    await this.page.goto(flowId ? `${this.url}#flow=${encodeURIComponent(flowId)}` : this.url)
    await this.plansLoaded()
  }

  /** Waits for the plan list to be rendered from the store (not "Loading…"). */
  async plansLoaded() {
    const list = this.page.getByRole('navigation', { name: 'Plans' })
    await list.waitFor()
    await poll('the plan list to load', () => list.innerText(), (text) => !text.includes('Loading…'))
  }

  async reload() {
    await this.page.reload()
    await this.plansLoaded()
  }

  /** Submits the form; resolves to the new run's flowId (the page selects it). */
  async createPlan(title, brief) {
    // The page may already show a run: wait for the selection to move to another one.
    const before = await this.selectedFlowId()
    await this.page.getByLabel('Title').fill(title)
    await this.page.getByLabel('Brief').fill(brief)
    await this.page.getByRole('button', { name: 'Draft plan' }).click()
    return poll('the new run to be selected', () => this.selectedFlowId(), (id) => Boolean(id) && id !== before)
  }

  async selectedFlowId() {
    const hash = await this.page.evaluate(() => location.hash)
    return new URLSearchParams(hash.slice(1)).get('flow') ?? undefined
  }

  get document() {
    return this.page.getByRole('article', { name: 'Plan' })
  }

  /** The status badge of the open plan, or undefined before the plan exists. */
  async planStatus() {
    const badge = this.document.getByTestId('plan-status')
    return (await badge.count()) > 0 ? badge.getAttribute('data-status') : undefined
  }

  async waitForStatus(status, timeout = 15_000) {
    return poll(`the plan status "${status}"`, () => this.planStatus(), (s) => s === status, { timeout })
  }

  async planText() {
    const content = this.document.getByTestId('plan-content')
    return (await content.count()) > 0 ? content.innerText() : ''
  }

  async reportText() {
    const report = this.document.getByTestId('report')
    return (await report.count()) > 0 ? report.innerText() : ''
  }

  /** The history timeline as `{ type, name }` events. */
  async timeline() {
    const events = this.page.getByRole('region', { name: 'History' }).locator('li.event')
    return events.evaluateAll((items) => items.map((li) => ({ type: li.dataset.type, name: li.dataset.name, text: li.innerText })))
  }

  async press(name) {
    await this.page.getByRole('button', { name, exact: true }).click()
  }

  /** Edit the waiting plan's text in place, then approve it with the edits as revisions. */
  async approveWithEdit(transform) {
    await this.press('Edit')
    const editor = this.page.getByRole('textbox', { name: 'Plan text' })
    await editor.fill(transform(await editor.inputValue()))
    await this.press('Approve with revisions')
  }

  /** Sends a payload typed by hand through the signal console (to the signal `name`, if given). */
  async sendRawSignal(payloadText, name) {
    const console = this.page.locator('details.signal-console')
    if (!(await console.evaluate((d) => d.open))) await console.locator('summary').click()
    if (name !== undefined) await console.getByLabel('Signal').fill(name)
    await console.getByLabel('Payload (JSON)').fill(payloadText)
    await console.getByRole('button', { name: 'Send signal' }).click()
  }

  /** The plan list's row for a run. */
  row(flowId) {
    return this.page.locator(`button.plan-row[data-flow-id="${flowId}"]`)
  }

  /** The run's status as the plan list row knows it (running, suspended, completed, …). */
  async rowRunStatus(flowId) {
    return this.row(flowId).getAttribute('data-run-status')
  }

  /** How far the page is wider than the window (0: no sideways scrolling). */
  async overflowX() {
    return this.page.evaluate(() => document.documentElement.scrollWidth - innerWidth)
  }

  /** Whether the open plan's title is on screen near the top (in the window's upper third), as after scrolling to it. */
  async planTitleInView() {
    return this.page.evaluate(() => {
      const title = document.querySelector('article[aria-label="Plan"] h1')
      if (!title) return false
      const box = title.getBoundingClientRect()
      return box.top >= 0 && box.top < innerHeight / 3
    })
  }

  async databases() {
    return this.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
  }

  /** Saves a full-page screenshot under build/test-artifacts/demo/. */
  async screenshot(name) {
    mkdirSync(screenshots, { recursive: true })
    await this.page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true })
  }
}
