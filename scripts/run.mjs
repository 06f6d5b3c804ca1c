// Small helpers shared by the start and test scripts.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Runs a command from node_modules/.bin (or PATH) in the project root; resolves to its exit code. */
export function run(command, args, { env = {} } = {}) {
  return new Promise((resolve) => {
    const local = join(ROOT, 'node_modules', '.bin', command)
    const bin = command === 'node' ? process.execPath : existsSync(local) ? local : command
    const child = spawn(bin, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('error', (error) => {
      console.error(`[hotmic-react] could not start ${command}: ${error.message}`)
      resolve(1)
    })
    // Ctrl-C reaches the whole process group; a SIGTERM or SIGHUP sent to this process alone must be
    // passed on, or the child (Storybook, Vitest) outlives it.
    const forward = (signal) => child.kill(signal)
    const signals = ['SIGTERM', 'SIGHUP', 'SIGINT']
    for (const signal of signals) process.on(signal, forward)
    child.on('exit', (code, signal) => {
      for (const name of signals) process.off(name, forward)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}
