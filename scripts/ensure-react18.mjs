// React 18.3 for the `unit-react18` Vitest project: the suite also runs against the oldest React in
// our peer range. Installed once into node_modules/.cache/react18 (outside the main dependency tree,
// whose react-dom 19 it would conflict with), then aliased by vite.config.ts.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './run.mjs'

/** Where React 18 lives, and the version installed there. */
export const REACT18_DIR = join(ROOT, 'node_modules', '.cache', 'react18')
export const REACT18_VERSION = '18.3.1'

function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(join(REACT18_DIR, 'node_modules', name, 'package.json'), 'utf8')).version
  } catch {
    return undefined
  }
}

/** Installs react and react-dom 18.3 into {@link REACT18_DIR} unless they are there already. */
export function ensureReact18() {
  if (installedVersion('react') === REACT18_VERSION && installedVersion('react-dom') === REACT18_VERSION) return REACT18_DIR
  mkdirSync(REACT18_DIR, { recursive: true })
  const manifest = join(REACT18_DIR, 'package.json')
  if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'react18-for-tests', private: true }))
  const result = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-save', '--prefer-offline', `react@${REACT18_VERSION}`, `react-dom@${REACT18_VERSION}`],
    { cwd: REACT18_DIR, stdio: 'inherit' },
  )
  if (result.status !== 0) throw new Error(`could not install React ${REACT18_VERSION} into ${REACT18_DIR}`)
  return REACT18_DIR
}
