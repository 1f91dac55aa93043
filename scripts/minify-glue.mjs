#!/usr/bin/env node
// Minifies the JS glue Emscripten writes beside a .wasm (crux.mjs, crux-schema.mjs, crux-ai.mjs) in place. em++
// only strips its whitespace (Closure, which would rename, is a 240 MB Java dependency); Rolldown's
// minifier renames locals too: crux.mjs 13.4 -> 9.7 KiB gzipped. The glue reads its options
// from Module["..."] by string and builds Embind's invokers with new Function from their own
// parameters, so renaming locals changes nothing it looks up by name.
//   node scripts/minify-glue.mjs <file.mjs> ...
import { readFileSync, writeFileSync } from 'node:fs'
import { rolldown } from 'rolldown'

for (const file of process.argv.slice(2)) {
  const before = readFileSync(file, 'utf8').length
  const bundle = await rolldown({ input: file, logLevel: 'warn' })
  try {
    const { output } = await bundle.generate({ format: 'esm', minify: true })
    if (output.length !== 1) throw new Error(`minify-glue: ${file} became ${output.length} files`)
    writeFileSync(file, output[0].code)
    console.log(`minify-glue: ${file}: ${before} -> ${output[0].code.length} bytes`)
  } finally {
    await bundle.close()
  }
}
