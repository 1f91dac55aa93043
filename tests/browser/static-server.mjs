// A static file server for the browser tests: one directory on 127.0.0.1, a free port, and
// the Content-Type browsers need (application/wasm lets Chromium compile while streaming).
import { createServer } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
}

/**
 * Serves `dir` until `close()`; unknown paths without an extension get index.html (a single-page app).
 * @param {string} dir
 * @param {{ port?: number, headers?: Record<string, string> }} [options] a fixed port (default: a
 *   free one) and headers added to every file served
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveDirectory(dir, { port: fixedPort = 0, headers = {} } = {}) {
  const base = resolve(dir)
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname)
      let file = normalize(join(base, path))
      if (file !== base && !file.startsWith(base + sep)) return send(response, 403, 'forbidden')
      const info = await stat(file).catch(() => undefined)
      if (info?.isDirectory()) file = join(file, 'index.html')
      else if (!info && extname(file) === '') file = join(base, 'index.html')
      const body = await readFile(file).catch(() => undefined)
      if (!body) return send(response, 404, 'not found')
      response.writeHead(200, {
        ...headers,
        'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      })
      response.end(body)
    } catch (error) {
      send(response, 500, String(error))
    }
  })
  await new Promise((ready, fail) => {
    server.once('error', fail)
    server.listen(fixedPort, '127.0.0.1', ready)
  })
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => {
      server.closeAllConnections()
      server.close(() => done())
    }),
  }
}

function send(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(text)
}
