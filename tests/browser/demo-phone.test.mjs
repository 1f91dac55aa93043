// The demo on a phone and in the dark: at 390×844 nothing scrolls sideways (a long title used to
// widen the page to ~700 px) and a new plan is scrolled into view (it renders below the form and
// the list); prefers-color-scheme: dark gives a dark page. Screenshots of a plan at desktop and
// phone widths, light and dark, go to build/test-artifacts/demo/ (desktop-light.png, …).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { useServedApp } from './served-app.mjs'
import { DemoPage } from './demo-page.mjs'
import { poll } from './poll.mjs'

const demoRoot = fileURLToPath(new URL('../../demo/', import.meta.url))
const app = useServedApp(demoRoot)

const phone = { width: 390, height: 844 }
const desktop = { width: 1280, height: 900 }
const longTitle = 'Migrate every customer-facing service to the new authentication provider before the end of the quarter'
const unbreakable = 'release-notes-for-version-1.0.0-including-every-change-since-the-first-beta'

async function openDemo(viewport, colorScheme = 'light') {
  const page = await app.browser.newPage()
  await page.setViewportSize(viewport)
  await page.emulateMedia({ colorScheme })
  const demo = new DemoPage(page, app.server.url)
  await demo.open()
  return demo
}

/** Relative luminance (0 black … 1 white) of a computed CSS colour. */
function luminance(color) {
  const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map(Number).map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The page's background and text colours, and the open plan's card. */
function colours(demo) {
  return demo.page.evaluate(() => {
    const style = (el) => getComputedStyle(el)
    const card = document.querySelector('article[aria-label="Plan"]') ?? document.querySelector('.card')
    return {
      page: style(document.documentElement).backgroundColor,
      text: style(document.documentElement).color,
      card: style(card).backgroundColor,
      cardText: style(card.querySelector('h1') ?? card).color,
    }
  })
}

test('at 390×844 a long title scrolls nothing sideways, and a new plan is scrolled into view', { timeout: 60_000 }, async () => {
  const demo = await openDemo(phone)
  assert.equal(await demo.overflowX(), 0, 'the empty page scrolls sideways')
  assert.equal(await demo.planTitleInView(), false)

  await demo.createPlan(longTitle, `Write ${unbreakable} and publish it`)
  // The plan renders below the form and the list; the page brings it up.
  await poll('the new plan to be on screen', () => demo.planTitleInView(), Boolean)
  assert.equal(await demo.overflowX(), 0, 'a long title made the page scroll sideways')
  await demo.waitForStatus('awaiting-approval', 20_000)
  assert.equal(await demo.overflowX(), 0, 'the drafted plan made the page scroll sideways')
  assert.ok(await demo.planTitleInView(), 'the plan scrolled away while it was drafted')
  await demo.screenshot('phone-light')

  // A second plan, from the bottom of the first one: it too is brought into view.
  await demo.page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight))
  await demo.page.getByLabel('Title').fill(unbreakable)
  await demo.page.getByLabel('Brief').fill('Another plan')
  await demo.press('Draft plan')
  await poll('the second plan to be on screen', async () => (await demo.planTitleInView()) &&
    (await demo.document.locator('h1').innerText()) === unbreakable, Boolean)
  assert.equal(await demo.overflowX(), 0)

  // Choosing a plan from the list, far above it, shows it too.
  await demo.page.evaluate(() => scrollTo(0, 0))
  await demo.page.locator('button.plan-row').filter({ hasText: longTitle.slice(0, 20) }).click()
  await poll('the chosen plan to be on screen', async () => (await demo.planTitleInView()) &&
    (await demo.document.locator('h1').innerText()) === longTitle, Boolean)

  await demo.page.emulateMedia({ colorScheme: 'dark' })
  await demo.screenshot('phone-dark')
  assert.equal(await demo.overflowX(), 0)
  await demo.page.close()
  assert.deepEqual(app.browser.errors, [])
})

test('the page follows prefers-color-scheme: light by default, dark when the system is dark', { timeout: 60_000 }, async () => {
  const demo = await openDemo(desktop)
  await demo.createPlan('Quarterly planning', 'Plan the Q3 roadmap review with three teams')
  await demo.waitForStatus('awaiting-approval', 20_000)

  const light = await colours(demo)
  assert.ok(luminance(light.page) > 0.8 && luminance(light.card) > 0.8, `light page: ${JSON.stringify(light)}`)
  assert.ok(luminance(light.text) < 0.1 && luminance(light.cardText) < 0.1, `light text: ${JSON.stringify(light)}`)
  await demo.screenshot('desktop-light')

  await demo.page.emulateMedia({ colorScheme: 'dark' })
  const dark = await colours(demo)
  assert.ok(luminance(dark.page) < 0.05 && luminance(dark.card) < 0.05, `dark page: ${JSON.stringify(dark)}`)
  assert.ok(luminance(dark.text) > 0.6 && luminance(dark.cardText) > 0.6, `dark text: ${JSON.stringify(dark)}`)
  // Every card and field goes dark with it: none is left white.
  const white = await demo.page.evaluate(() =>
    [...document.querySelectorAll('.card, input, textarea, button, .plan-text, .callout, .plan-row')]
      .filter((el) => getComputedStyle(el).backgroundColor === 'rgb(255, 255, 255)')
      .map((el) => el.className || el.tagName))
  assert.deepEqual(white, [], 'white boxes on the dark page')
  await demo.screenshot('desktop-dark')
  await demo.page.close()
  assert.deepEqual(app.browser.errors, [])
})
