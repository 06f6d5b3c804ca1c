// `npm test`: every check, on a fresh machine too. Makes the HLS test media (installing ffmpeg on
// Debian as root if needed), finds or installs a Chromium, then runs the typecheck, the linter and
// every Vitest project (unit in jsdom, browser and Storybook stories in real Chromium).
//   npm test                 everything
//   npm test -- --project unit   extra arguments go to vitest
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ensureMedia } from './ensure-media.mjs'
import { chromiumVersion, ensureChromium } from './find-chromium.mjs'
import { ensureReact18 } from './ensure-react18.mjs'
import { ROOT, run } from './run.mjs'

const extra = process.argv.slice(2)
const step = (name) => console.log(`\n[hotmic-react] ${name}`)

step('media')
await ensureMedia()
step('chromium')
const chromium = ensureChromium()
console.log(`${chromium} (${chromiumVersion(chromium)})`)
const env = { CHROMIUM_PATH: chromium }

const failures = []
if (extra.length === 0) {
  step('typecheck')
  if ((await run('tsc', ['--noEmit', '-p', 'tsconfig.json'])) !== 0) failures.push('typecheck')
  step('lint')
  if ((await run('eslint', ['--max-warnings', '0', '.'])) !== 0) failures.push('lint')
  step('package: build, publint, attw, size budgets')
  if ((await run('node', ['scripts/build.mjs'])) !== 0) failures.push('build')
  else {
    if ((await run('publint', ['--strict'])) !== 0) failures.push('publint')
    if ((await run('attw', ['--pack', '.', '--profile', 'esm-only'])) !== 0) failures.push('attw')
    if ((await run('size-limit', [])) !== 0) failures.push('size-limit')
    step('package: a fresh Vite app installs the tarball, builds, plays; SSR import with no window')
    if ((await run('node', ['scripts/consumer-check.mjs'])) !== 0) failures.push('consumer check')
  }
}

step('tests')
ensureReact18()
const report = join(ROOT, 'node_modules', '.cache', 'hotmic-vitest.json')
rmSync(report, { force: true })
const code = await run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], { env })
if (code !== 0) failures.push('tests')

let passed = 0
let failed = 0
try {
  const results = JSON.parse(readFileSync(report, 'utf8'))
  passed = results.numPassedTests
  failed = results.numFailedTests
} catch {
  failures.push('test report')
}

console.log(failures.length ? `\n[hotmic-react] failed: ${failures.join(', ')}` : '\n[hotmic-react] every check passed')
// The plain closing line CI reads.
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exit(failures.length ? 1 : 0)
