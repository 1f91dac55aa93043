// Running npm (and other commands) from a test as a user would in their own project: the
// packaging tests (tests/node/package.test.mjs, tests/browser/packaged-vite.test.mjs) share it.
import { spawnSync } from 'node:child_process'

export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

/**
 * The environment without the npm_* variables an enclosing `npm test` sets (npm_config_local_prefix
 * and friends would point npm back at the workspace); npm's cache location is kept.
 */
function cleanEnv() {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && !/^npm_config_cache$/i.test(key)) continue
    env[key] = value
  }
  return env
}

/** Runs a command to completion; returns its exit code and output. */
export function run(command, args, { cwd, timeout = 60_000 } = {}) {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout })
  if (result.error) throw result.error
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr }
}

export function describeRun(what, r) {
  return `${what} exited with ${r.code ?? r.signal}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`
}
