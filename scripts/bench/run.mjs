// `npm run bench`: benchmarks that report ratios against a baseline measured in the same run, with
// variants interleaved and medians of at least 10 runs. Results go to BENCHMARKS.md.
//   npm run bench                     every benchmark, 12 runs each
//   npm run bench -- --runs 20 --only start   one benchmark again, its section of BENCHMARKS.md replaced
import { execFileSync } from 'node:child_process'
import { copyFileSync, createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { cpus, totalmem } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { ensureMedia } from '../ensure-media.mjs'
import { CHROMIUM_ARGS, chromiumVersion, ensureChromium } from '../find-chromium.mjs'
import { ROOT } from '../run.mjs'
import { benchmarks } from './benchmarks.mjs'

const argv = process.argv.slice(2)
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`)
  return index === -1 ? fallback : argv[index + 1]
}
const RUNS = Math.max(10, Number(option('runs', 12)))
const ONLY = option('only', undefined)
/** Added to every response, media and code alike, like a nearby CDN; each benchmark sets its own. */
const LATENCY_OVERRIDE = option('latency', undefined)
let latencyMs = 0
const PAGES = join(ROOT, 'scripts', 'bench', 'pages')
/** The commit measured: read before the build, so later commits during a long run do not mislabel it. */
const MEASURED_AT = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
const OUT = join(ROOT, 'node_modules', '.cache', 'bench-dist')

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt',
  '.jpg': 'image/jpeg',
}

async function buildPages() {
  const { build } = await import('vite')
  const { default: react } = await import('@vitejs/plugin-react')
  const { readdirSync } = await import('node:fs')
  const input = Object.fromEntries(readdirSync(PAGES).filter((f) => f.endsWith('.html')).map((f) => [f.replace(/\.html$/, ''), join(PAGES, f)]))
  await build({
    configFile: false,
    root: PAGES,
    base: '/',
    logLevel: 'warn',
    plugins: [react()],
    publicDir: false,
    build: { outDir: OUT, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000, rolldownOptions: { input } },
  })
  // The traffic pages run the embedded API in MSW's service worker, which must be served from the root.
  copyFileSync(join(ROOT, 'node_modules', 'msw', 'lib', 'mockServiceWorker.js'), join(OUT, 'mockServiceWorker.js'))
}

/** A static server over the built pages and public/media, with a fixed delay before every response. */
function serve() {
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://bench.local')
    const path = normalize(decodeURIComponent(url.pathname))
    const file = path.startsWith('/media/') ? join(ROOT, 'public', path) : join(OUT, path === '/' ? 'index.html' : path)
    setTimeout(() => {
      if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
        response.writeHead(404).end()
        return
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
      createReadStream(file).pipe(response)
    }, latencyMs)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function rotate(list, by) {
  return list.map((_, index) => list[(index + by) % list.length])
}

const fmt = (value, unit) => (unit === 'ms' ? `${value.toFixed(1)} ms` : `${Math.round(value * 10) / 10} ${unit}`)

async function main() {
  await ensureMedia({ log: () => {} })
  const executablePath = ensureChromium()
  console.log('[bench] building pages')
  await buildPages()
  const server = await serve()
  const origin = `http://127.0.0.1:${server.address().port}`
  const { chromium } = await import('playwright')
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
  const sections = []
  try {
    for (const bench of benchmarks) {
      if (ONLY && bench.id !== ONLY) continue
      latencyMs = LATENCY_OVERRIDE === undefined ? (bench.latencyMs ?? 0) : Number(LATENCY_OVERRIDE)
      console.log(`[bench] ${bench.title}: ${RUNS} interleaved runs of ${bench.variants.length} variants, ${latencyMs} ms latency`)
      const samples = Object.fromEntries(bench.variants.map((variant) => [variant.id, {}]))
      for (let run = 0; run < RUNS; run++) {
        // Interleave, rotating the order every run, so drift in machine load hits every variant alike.
        for (const variant of rotate(bench.variants, run % bench.variants.length)) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
          try {
            const page = await context.newPage()
            const metrics = await variant.measure({ page, origin, context })
            for (const [name, value] of Object.entries(metrics)) (samples[variant.id][name] ??= []).push(value)
          } finally {
            await context.close()
          }
        }
        process.stdout.write(run + 1 === RUNS ? ` ${RUNS} runs\n` : '.')
      }
      const medians = Object.fromEntries(
        Object.entries(samples).map(([id, metrics]) => [id, Object.fromEntries(Object.entries(metrics).map(([name, values]) => [name, median(values)]))]),
      )
      const section = bench.report(medians, { fmt })
      console.log(section.text)
      sections.push({ bench, section })
    }
  } finally {
    await browser.close()
    server.close()
  }
  if (ONLY) replaceSections(sections)
  else writeReport(sections, executablePath)
}

function sectionText(bench, section) {
  return [`## ${bench.title}`, '', `${bench.method} Added latency: ${bench.latencyMs ?? 0} ms per response.`, '', section.markdown, ''].join('\n')
}

/** `--only`: that section of BENCHMARKS.md is measured again in place, saying when and from which commit. */
function replaceSections(sections) {
  const file = join(ROOT, 'BENCHMARKS.md')
  if (!existsSync(file)) return
  let text = readFileSync(file, 'utf8')
  for (const { bench, section } of sections) {
    const start = text.indexOf(`## ${bench.title}`)
    if (start === -1) continue
    const next = text.indexOf('\n## ', start + 1)
    const end = next === -1 ? text.length : next + 1
    const cpu = cpus()
    const note = `_Measured again on its own (\`npm run bench -- --only ${bench.id}\`, ${RUNS} runs), ${new Date().toISOString().slice(0, 10)}, git ${MEASURED_AT}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}._\n`
    text = `${text.slice(0, start)}${sectionText(bench, section)}\n${note}${next === -1 ? '' : '\n'}${text.slice(end)}`
  }
  writeFileSync(file, `${text.trim()}\n`)
  console.log('[bench] replaced', sections.map(({ bench }) => bench.id).join(', '), 'in BENCHMARKS.md')
}

function writeReport(sections, executablePath) {
  const cpu = cpus()
  const lines = [
    '# Benchmarks',
    '',
    'Made by `npm run bench` (scripts/bench/). Every number is a median of interleaved runs measured in the same',
    'run as its baseline, so the ratios hold even where the absolute times differ from machine to machine.',
    '',
    '## Machine',
    '',
    `- ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `- Node ${process.version}, ${chromiumVersion(executablePath)} (headless, software rendering)`,
    `- ${RUNS} interleaved runs per variant; latency added to every response by the local server as each benchmark says`,
    `- ${new Date().toISOString().slice(0, 10)}, git ${MEASURED_AT} (the commit the pages were built from)`,
    '',
  ]
  for (const { bench, section } of sections) lines.push(sectionText(bench, section))
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), `${lines.join('\n').trim()}\n`)
  console.log('[bench] wrote BENCHMARKS.md')
}

await main()
