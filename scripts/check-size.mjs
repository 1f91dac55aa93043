#!/usr/bin/env node
// The size bar: gzips each build's files (level 9, as a server would serve them) and fails when a
// build grows more than the budget's tolerance over size-budget.json, or past a build's ceiling
// (maxGzipBytes: @crux/core's 100 KiB, issue #14) whatever its budget. Prints each file's size.
//   node scripts/check-size.mjs [budget.json]
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const budgetFile = resolve(process.argv[2] ?? resolve(root, 'size-budget.json'))
const { tolerance, builds } = JSON.parse(readFileSync(budgetFile, 'utf8'))
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`

const over = []
for (const [name, { files, gzipBytes: budget, maxGzipBytes: ceiling }] of Object.entries(builds)) {
  let total = 0
  for (const file of files) {
    const bytes = readFileSync(resolve(root, file))
    const gzipped = gzipSync(bytes, { level: 9 }).length
    total += gzipped
    console.log(`size: ${file}: ${kib(bytes.length)}, ${kib(gzipped)} gzipped`)
  }
  const limit = Math.floor(budget * (1 + tolerance))
  const ceilingText = ceiling ? `, ceiling ${kib(ceiling)}` : ''
  console.log(`size: ${name}: ${kib(total)} gzipped (budget ${kib(budget)}, limit ${kib(limit)}${ceilingText})`)
  if (total > limit) over.push(`${name} is ${kib(total)} gzipped, over its budget of ${kib(budget)} + ${tolerance * 100}%`)
  else if (ceiling && total > ceiling) over.push(`${name} is ${kib(total)} gzipped (${total} bytes), over its ceiling of ${kib(ceiling)} (${ceiling} bytes)`)
  else if (total < budget * (1 - tolerance)) console.log(`size: ${name} is well under its budget: lower gzipBytes in ${budgetFile} to ${total}`)
}
if (over.length > 0) {
  console.error(`size: ${over.join('; ')} (${budgetFile})`)
  process.exit(1)
}
