// The consumer check (`npm run consumer-check`, part of `npm test`): packs the package, installs the
// tarball into a fresh Vite + React app made from test/consumer/, builds it, checks that hls.js is
// a lazy chunk outside the entry, plays a stream in Chromium following the README's quick start,
// and renders the package in Node with no window (SSR).
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureMedia } from './ensure-media.mjs'
import { CHROMIUM_ARGS, ensureChromium } from './find-chromium.mjs'
import { ROOT } from './run.mjs'

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const dev = pkg.devDependencies
const log = (message) => console.log(`[consumer] ${message}`)

function sh(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function waitForServer(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`vite preview did not answer on ${url}`)
}

export async function consumerCheck() {
  await ensureMedia({ log: () => {} })
  const work = mkdtempSync(join(tmpdir(), 'hotmic-consumer-'))
  try {
    log(`packing into ${work}`)
    if (!existsSync(join(ROOT, 'dist', 'index.js'))) sh(process.execPath, ['scripts/build.mjs'], ROOT)
    const tarball = sh('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], ROOT).trim().split('\n').at(-1)
    const app = join(work, 'app')
    cpSync(join(ROOT, 'test', 'consumer'), app, { recursive: true })
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify(
        {
          name: 'hotmic-consumer',
          private: true,
          type: 'module',
          dependencies: {
            'hotmic-react': `file:${join(work, tarball)}`,
            react: dev.react,
            'react-dom': dev['react-dom'],
            '@tanstack/react-query': dev['@tanstack/react-query'],
            msw: dev.msw,
          },
          devDependencies: { vite: dev.vite, '@vitejs/plugin-react': dev['@vitejs/plugin-react'] },
        },
        null,
        2,
      ),
    )
    log('npm install (the tarball and its peers)')
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], app)

    log('vite build')
    sh(join(app, 'node_modules', '.bin', 'vite'), ['build'], app)
    const manifest = JSON.parse(readFileSync(join(app, 'dist', '.vite', 'manifest.json'), 'utf8'))
    const entry = Object.values(manifest).find((chunk) => chunk.isEntry)
    const hlsKey = Object.keys(manifest).find((key) => /node_modules\/hls\.js\//.test(key))
    if (!entry || !hlsKey) throw new Error(`hls.js is not a chunk of its own: ${Object.keys(manifest).join(', ')}`)
    const staticChunks = new Set()
    const walk = (key) => {
      if (staticChunks.has(key)) return
      staticChunks.add(key)
      for (const next of manifest[key]?.imports ?? []) walk(next)
    }
    walk(Object.keys(manifest).find((key) => manifest[key] === entry))
    if (staticChunks.has(hlsKey)) throw new Error('hls.js is in the initial (statically imported) chunks')
    const virtualKeys = Object.keys(manifest).filter((key) => /node_modules\/@tanstack\/(react-virtual|virtual-core)\//.test(key) || key.includes('virtual-items'))
    if (virtualKeys.length === 0) throw new Error('the list virtualizer is not a chunk of its own')
    if (virtualKeys.some((key) => staticChunks.has(key))) throw new Error('the list virtualizer is in the initial chunks')
    const hlsFile = manifest[hlsKey].file
    const entryCode = readFileSync(join(app, 'dist', entry.file), 'utf8')
    if (/process\.env/.test(entryCode)) throw new Error('process.env survived the production build: dev-only code is not stripped')
    log(`hls.js (${hlsFile}) and the list virtualizer are lazy chunks; the entry loads ${staticChunks.size} chunk(s) without them`)

    cpSync(join(ROOT, 'public', 'media'), join(app, 'dist', 'media'), { recursive: true })
    cpSync(join(app, 'node_modules', 'msw', 'lib', 'mockServiceWorker.js'), join(app, 'dist', 'mockServiceWorker.js'))
    const port = await freePort()
    const server = spawn(join(app, 'node_modules', '.bin', 'vite'), ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: app, stdio: 'ignore' })
    try {
      const url = `http://127.0.0.1:${port}/`
      await waitForServer(url, server)
      const { chromium } = await import('playwright')
      const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS })
      try {
        const page = await browser.newPage()
        const fetched = []
        page.on('request', (request) => fetched.push(request.url()))
        const errors = []
        page.on('pageerror', (error) => errors.push(error.message))
        await page.goto(url)
        await page.locator('.hm-card').first().waitFor({ timeout: 30_000 })
        if (fetched.some((u) => u.endsWith(hlsFile))) throw new Error('hls.js was fetched before any player was shown')
        await page.locator('.hm-card button, .hm-card a').first().click()
        await page.waitForFunction(() => {
          const video = document.querySelector('video')
          return video !== null && video.videoWidth > 0 && video.currentTime > 0.5
        }, null, { timeout: 30_000 })
        if (!fetched.some((u) => u.endsWith(hlsFile))) throw new Error('the player played without loading the hls.js chunk')
        if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`)
        log('the built app lists live streams and plays the chosen one in Chromium')
      } finally {
        await browser.close()
      }
    } finally {
      server.kill()
    }

    log(sh(process.execPath, ['ssr.mjs'], app).trim())
    return true
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  consumerCheck().then(
    () => log('passed'),
    (error) => {
      console.error(`[consumer] failed: ${error.message}`)
      process.exit(1)
    },
  )
}
