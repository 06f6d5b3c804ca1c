// @vitest-environment node
import { dehydrate, HydrationBoundary, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { setupEmbeddedApi } from '../hooks/embedded-api.js'

const { api, requests } = setupEmbeddedApi()

describe('server rendering', () => {
  it('imports the whole library without a window', async () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
    const lib = await import('../../src/index.js')
    expect(lib.useStreams).toBeTypeOf('function')
  })

  it('renders hooks from data prefetched through the exported options, dehydrated and hydrated', async () => {
    const lib = await import('../../src/index.js')
    const client = lib.createHotMicClient({ retry: false })
    const target = api.db.streams.all().find((stream) => stream.state === 'VOD')!
    const host = api.db.users.all()[0]!

    const server = new QueryClient()
    await Promise.all([
      server.prefetchQuery(lib.streamsQueryOptions(client, { state: 'LIVE', limit: 3 })),
      server.prefetchQuery(lib.streamQueryOptions(client, target.id)),
      server.prefetchInfiniteQuery(lib.infiniteStreamsQueryOptions(client, { limit: 2 })),
      server.prefetchQuery(lib.userQueryOptions(client, host.id)),
    ])
    const state = JSON.parse(JSON.stringify(dehydrate(server))) as ReturnType<typeof dehydrate>
    const prefetched = requests.length

    function Page() {
      const live = lib.useStreams({ state: 'LIVE', limit: 3 })
      const one = lib.useStream(target.id)
      const infinite = lib.useInfiniteStreams({ limit: 2 })
      const user = lib.useUser(host.id)
      return (
        <main>
          <ul>{live.data?.results.map((stream) => <li key={stream.id}>{stream.title}</li>)}</ul>
          <h1>{one.data?.title}</h1>
          <p data-testid="infinite">{infinite.data?.streams.length}</p>
          <p>{user.data?.name}</p>
          <p>{[live, one, infinite, user].map((query) => query.status).join(',')}</p>
        </main>
      )
    }
    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <HydrationBoundary state={state}>
          <lib.HotMicProvider client={client}>
            <Page />
          </lib.HotMicProvider>
        </HydrationBoundary>
      </QueryClientProvider>,
    )
    const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
    expect(html).toContain(`<h1>${escape(target.title!)}</h1>`)
    expect(html).toContain(`<p>${escape(host.name!)}</p>`)
    expect(html).toContain('success,success,success,success')
    expect(html).toMatch(/data-testid="infinite">2</)
    expect((html.match(/<li>/g) ?? []).length).toBe(3)
    expect(requests).toHaveLength(prefetched)
  })
})

describe("'use client'", () => {
  const root = join(import.meta.dirname, '../../src')
  const files = (folder: string) => readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file)).map((file) => join(folder, file))

  it('marks every module that uses React state, effects or context', () => {
    const reactModules = [...files('hooks'), ...files('components')].filter((file) => /\buse[A-Z]\w*\(/.test(readFileSync(join(root, file), 'utf8')))
    expect(reactModules.length).toBeGreaterThan(8)
    for (const file of reactModules) expect(readFileSync(join(root, file), 'utf8').startsWith("'use client'\n"), file).toBe(true)
  })

  it('keeps the client and query layers free of it, so servers can prefetch with them', () => {
    for (const file of [...files('client'), ...files('query')]) {
      const text = readFileSync(join(root, file), 'utf8')
      expect(text.includes("'use client'"), file).toBe(false)
      expect(/from 'react'/.test(text), file).toBe(false)
    }
  })
})
