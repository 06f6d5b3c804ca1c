// Finds a Chromium for the browser tests, Storybook checks and benchmarks, in this order:
// $CHROMIUM_PATH, a system Chromium or Chrome, Playwright's browser cache. `ensureChromium()` also
// installs Debian's `chromium` package when running as root on Debian, and otherwise says what to do.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { homedir, platform } from 'node:os'
import { join } from 'node:path'

/** Flags that make Chromium quiet and usable as root on a machine without outbound network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--autoplay-policy=no-user-gesture-required',
]

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
]

function playwrightCache() {
  const roots = [
    process.env.PLAYWRIGHT_BROWSERS_PATH,
    join(homedir(), '.cache', 'ms-playwright'),
    join(homedir(), 'Library', 'Caches', 'ms-playwright'),
  ].filter(Boolean)
  for (const root of roots) {
    if (!existsSync(root)) continue
    const builds = readdirSync(root).filter((name) => /^chromium-\d+$/.test(name)).sort().reverse()
    for (const build of builds) {
      for (const tail of [
        'chrome-linux64/chrome',
        'chrome-linux/chrome',
        'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
      ]) {
        const candidate = join(root, build, tail)
        if (existsSync(candidate)) return candidate
      }
    }
  }
  return undefined
}

/** The path of a Chromium, or `undefined`. Never installs anything. */
export function findChromium() {
  const override = process.env.CHROMIUM_PATH
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH points at ${override}, which does not exist`)
    return override
  }
  return SYSTEM_PATHS.find((path) => existsSync(path)) ?? playwrightCache()
}

function isDebianRoot() {
  return platform() === 'linux' && existsSync('/etc/debian_version') && process.getuid?.() === 0
}

/** Installs Debian packages as root, running `apt-get update` once if the first try fails. */
export function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env })
  if (install().status === 0) return true
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env })
  return install().status === 0
}

/** A Chromium path, installing Debian's `chromium` if needed and allowed; throws a clear message otherwise. */
export function ensureChromium() {
  let path = findChromium()
  if (!path && isDebianRoot()) {
    console.log('[hotmic-react] No Chromium found: installing Debian\'s chromium package…')
    aptInstall(['chromium'])
    path = findChromium()
  }
  if (!path) {
    throw new Error(
      'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
        'macOS: install Google Chrome or Chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    )
  }
  return path
}

/** The version line Chromium prints, for logs. */
export function chromiumVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown version'
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = ensureChromium()
  console.log(`${path} (${chromiumVersion(path)})`)
}
