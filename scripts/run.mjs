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
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}
