// @vitest-environment node
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer, type ViteDevServer } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import config from '../../.storybook/main.js'
import { HOTMIC_PROXY_PATH, hotmicProxy } from '../../.storybook/hotmic-proxy.js'

const closers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
  delete process.env['HOTMIC_API_KEY']
})

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

describe('real-API mode of npm start', () => {
  it('is off without HOTMIC_API_KEY: the stories use the embedded API', () => {
    expect(hotmicProxy({})).toBeUndefined()
    expect(hotmicProxy({ HOTMIC_API_KEY: '  ' })).toBeUndefined()
  })

  it('forwards the same-origin path to the API and adds the key there, on the server', async () => {
    const seen: { url: string | undefined; headers: IncomingHttpHeaders }[] = []
    const upstream = createHttpServer((request, response) => {
      seen.push({ url: request.url, headers: request.headers })
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [], links: {} }))
    })
    const upstreamUrl = await listen(upstream)
    closers.push(() => new Promise((resolve) => upstream.close(resolve)))

    const vite: ViteDevServer = await createServer({
      configFile: false,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, proxy: hotmicProxy({ HOTMIC_API_KEY: 'sk-test-123', HOTMIC_API_URL: upstreamUrl }) },
    })
    await vite.listen()
    closers.push(() => vite.close())
    const origin = vite.resolvedUrls!.local[0]!.replace(/\/$/, '')

    const response = await fetch(`${origin}${HOTMIC_PROXY_PATH}/streams?state=LIVE&limit=2`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ results: [], links: {} })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.url).toBe('/streams?state=LIVE&limit=2')
    expect(seen[0]!.headers['x-api-key']).toBe('sk-test-123')
    expect(response.headers.get('x-api-key')).toBeNull()
  })

  it('forwards reads only, unless HOTMIC_ALLOW_WRITES=1, and nothing asked by a page of another origin', async () => {
    const seen: string[] = []
    const upstream = createHttpServer((request, response) => {
      seen.push(`${request.method} ${request.url}`)
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
    const upstreamUrl = await listen(upstream)
    closers.push(() => new Promise((resolve) => upstream.close(resolve)))
    const start = async (env: Record<string, string>) => {
      const vite = await createServer({ configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, proxy: hotmicProxy({ HOTMIC_API_KEY: 'k', HOTMIC_API_URL: upstreamUrl, ...env }) } })
      await vite.listen()
      closers.push(() => vite.close())
      return vite.resolvedUrls!.local[0]!.replace(/\/$/, '') + HOTMIC_PROXY_PATH
    }
    const readOnly = await start({})
    const write = await fetch(`${readOnly}/users`, { method: 'POST', body: '{"name":"x"}', headers: { 'content-type': 'application/json' } })
    expect(write.status).toBe(403)
    expect((await write.json()).message).toMatch(/reads only/)
    const foreign = await fetch(`${readOnly}/streams`, { headers: { origin: 'https://evil.example' } })
    expect(foreign.status).toBe(403)
    expect((await fetch(`${readOnly}/streams`)).status).toBe(200)
    expect(seen).toEqual(['GET /streams'])

    const writable = await start({ HOTMIC_ALLOW_WRITES: '1' })
    expect((await fetch(`${writable}/streams/abc`, { method: 'PUT', body: '{}' })).status).toBe(200)
    expect(seen).toEqual(['GET /streams', 'PUT /streams/abc'])
  })

  it('gives the browser only the proxy path, never the key', () => {
    process.env['HOTMIC_API_KEY'] = 'sk-never-in-the-bundle'
    const finalConfig = (config.viteFinal as (c: object) => { define: Record<string, string>; server: { proxy: object } })({})
    expect(finalConfig.define['__HOTMIC_API_PATH__']).toBe(JSON.stringify(HOTMIC_PROXY_PATH))
    expect(JSON.stringify(finalConfig.define)).not.toContain('sk-never-in-the-bundle')
    expect(Object.keys(finalConfig.server.proxy)).toEqual([HOTMIC_PROXY_PATH])
  })
})
