// @crux/ai benchmarks: the streamed-reply path in the WASM engine against the same work done in
// plain JS in this process (TextDecoder + SSE split + JSON.parse), with and without HTTP.
//   node bench/ai.mjs [--quick]      (after npm run build)
import { createServer } from 'node:http'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { generate } from '@crux/ai'
import { openai } from '@crux/ai/openai'
import { loadEngineModule } from '@crux/core/internal'
import { openAiStream } from './sse_stream.mjs'

const quick = process.argv.includes('--quick')
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rounds = quick ? 3 : 7
const tokens = quick ? 5000 : 20000
const bytes = new TextEncoder().encode(openAiStream(tokens))
const piece = 16 * 1024

/** What a hand-written client does with the bytes: decode, split events, JSON.parse, collect deltas. */
function plainJsDeltas(chunks, onDelta) {
  const decoder = new TextDecoder()
  let buffer = ''
  for (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true })
    let end
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const data = event.slice(6)
      if (data === '[DONE]') continue
      const delta = JSON.parse(data).choices[0]?.delta?.content
      if (delta) onDelta(delta)
    }
  }
}

const chunks = []
for (let at = 0; at < bytes.length; at += piece) chunks.push(bytes.subarray(at, at + piece))

// 1. Parsing only, in process.
const module = await loadEngineModule()
const wasmTimes = []
const jsTimes = []
let sink = 0
for (let r = 0; r < rounds; r++) {
  let t0 = performance.now()
  const g = new module.Generation()
  g.start(JSON.stringify({ provider: 'openai', model: 'gpt-4o', prompt: 'x', stream: true }))
  g.beginAttempt()
  for (const chunk of chunks) for (const d of JSON.parse(g.readChunk(chunk)).ok) sink += d.length
  g.endStream()
  g.delete()
  wasmTimes.push(performance.now() - t0)
  t0 = performance.now()
  plainJsDeltas(chunks, (d) => (sink += d.length))
  jsTimes.push(performance.now() - t0)
}
const mbps = (ms) => bytes.length / 1e6 / (ms / 1000)

// 2. Over HTTP on 127.0.0.1: generate with onToken vs fetch + the plain JS loop.
const server = createServer((req, res) => {
  req.resume()
  req.on('end', async () => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    for (const chunk of chunks) res.write(chunk)
    res.end()
  })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const baseURL = `http://127.0.0.1:${server.address().port}/v1`
const model = openai('gpt-4o', { baseURL, apiKey: 'bench' })
const crux = []
const plain = []
for (let r = 0; r < rounds; r++) {
  let t0 = performance.now()
  let count = 0
  await generate('x', { model, onToken: () => count++ })
  crux.push(performance.now() - t0)
  t0 = performance.now()
  const response = await fetch(`${baseURL}/chat/completions`, { method: 'POST', body: '{}' })
  const received = []
  for await (const chunk of response.body) received.push(chunk)
  plainJsDeltas(received, () => count--)
  plain.push(performance.now() - t0)
}
server.close()

const results = {
  streamBytes: bytes.length,
  tokens,
  wasmStreamParseMBps: +mbps(median(wasmTimes)).toFixed(1),
  plainJsParseMBps: +mbps(median(jsTimes)).toFixed(1),
  wasmVsPlainJsParseTime: +(median(wasmTimes) / median(jsTimes)).toFixed(2),
  httpGenerateUsPerToken: +((median(crux) * 1000) / tokens).toFixed(2),
  httpPlainFetchUsPerToken: +((median(plain) * 1000) / tokens).toFixed(2),
  onTokenOverheadUsPerToken: +(((median(crux) - median(plain)) * 1000) / tokens).toFixed(2),
  generateVsPlainFetchTime: +(median(crux) / median(plain)).toFixed(2),
}
console.log(JSON.stringify(results, null, 2))
mkdirSync('bench/results', { recursive: true })
let latest = {}
try {
  latest = JSON.parse(readFileSync('bench/results/latest.json', 'utf8'))
} catch {}
writeFileSync('bench/results/latest.json', JSON.stringify({ ...latest, ai: results }, null, 2))
if (sink < 0) console.log(sink)
