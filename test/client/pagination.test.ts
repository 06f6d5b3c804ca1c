import fc from 'fast-check'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import type { StreamListParams } from '../../src/client/query-string.js'
import type { Stream } from '../../src/client/schemas.js'
import { makeStream } from '../../src/testing/fixtures.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { setupMockServer } from './mock-server.js'

const BASE = 'https://public-api.hotmic.io'
const KEY = 'pagination-key'
const { server, requests } = setupMockServer()


const client = createHotMicClient({ apiKey: KEY, retry: false })

async function collect(params: StreamListParams, through = client): Promise<string[]> {
  const ids: string[] = []
  for await (const page of through.streams.pages(params)) ids.push(...page.results.map((stream) => stream.id))
  return ids
}

type Row = Stream & { rank?: number }

// A reference order written independently of the embedded API: value (desc-aware), missing values
// last, ties by ascending id.
function referenceOrder(rows: Row[], orderBy: string, desc: boolean): string[] {
  const value = (row: Row) => (row as unknown as Record<string, string | number | undefined>)[orderBy]
  return [...rows]
    .sort((a, b) => {
      const av = value(a)
      const bv = value(b)
      let order = 0
      if (av === undefined || bv === undefined) order = av === bv ? 0 : av === undefined ? 1 : -1
      else order = (desc ? -1 : 1) * (av < bv ? -1 : av > bv ? 1 : 0)
      return order || (a.id < b.id ? -1 : 1)
    })
    .map((row) => row.id)
}

// Few distinct values, so runs of ties cross page boundaries often; some rows lack the field.
const rowsArbitrary = fc
  .array(
    fc.record({
      rank: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      title: fc.constantFrom('a', 'b', 'B', 'é', 'z'),
      minute: fc.integer({ min: 0, max: 4 }),
    }),
    { maxLength: 30 },
  )
  .map((specs) =>
    specs.map(({ rank, title, minute }) => {
      const row: Row = makeStream({ title, last_updated: `2026-01-15T19:0${minute}:00Z` })
      if (rank !== undefined) row.rank = rank
      return row
    }),
  )

describe('following links.next (properties)', () => {
  for (const pagination of ['skip', 'cursor'] as const) {
    it(`returns every stream exactly once, in order, from any page size, with ties (${pagination} mode)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          rowsArbitrary,
          fc.constantFrom('rank', 'title', 'last_updated', 'id'),
          fc.boolean(),
          fc.integer({ min: 1, max: 8 }),
          async (rows, orderBy, desc, limit) => {
            server.resetHandlers(...createMockHotMicApi({ streams: rows, users: [], apiKey: KEY }).handlers)
            requests.length = 0
            const ids = await collect({ orderBy, desc, limit, pagination })
            expect(ids).toEqual(referenceOrder(rows, orderBy, desc))
            expect(requests).toHaveLength(Math.max(1, Math.ceil(rows.length / limit)))
          },
        ),
        { numRuns: 40 },
      )
    })
  }

  it('a plain value cursor (as the updated-since recipe sends) means strictly after that value', async () => {
    const rows = [1, 2, 2, 3].map((rank) => Object.assign(makeStream(), { rank }))
    server.resetHandlers(...createMockHotMicApi({ streams: rows, users: [] }).handlers)
    const page = await client.streams.list({ orderBy: 'rank', cursor: '2', pagination: 'cursor' })
    expect(page.results.map((stream) => stream.id)).toEqual([rows[3]!.id])
  })
})

describe('where following ends', () => {
  const ending: [string, (url: string) => unknown][] = [
    ['missing', () => ({})],
    ['null', () => ({ next: null })],
    ['an empty string', () => ({ next: '' })],
    ['whitespace', () => ({ next: '  ' })],
    ['the page just fetched', (url) => ({ next: url })],
    ['the same page, its parameters in another order', (url) => ({ next: `${BASE}/streams?${[...new URL(url).searchParams].reverse().map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` })],
  ]
  for (const [name, links] of ending) {
    it(`stops when links.next is ${name}`, async () => {
      server.use(http.get(`${BASE}/streams`, ({ request }) => HttpResponse.json({ links: links(request.url), results: [{ id: 'only' }] })))
      expect(await collect({ limit: 1, orderBy: 'title' })).toEqual(['only'])
      expect(requests).toHaveLength(1)
    })
  }

  it('stops when next links loop back to a page already fetched (skip=1 ↔ skip=2)', async () => {
    server.use(
      http.get(`${BASE}/streams`, ({ request }) => {
        const skip = Number(new URL(request.url).searchParams.get('skip') ?? 0)
        return HttpResponse.json({ links: { next: `${BASE}/streams?skip=${skip === 1 ? 2 : 1}` }, results: [{ id: `s${skip}` }] })
      }),
    )
    expect(await collect({})).toEqual(['s0', 's1', 's2'])
    expect(requests).toHaveLength(3)
  })

  it('stops when pages keep coming but bring nothing new (a next link that never ends)', async () => {
    server.use(
      http.get(`${BASE}/streams`, ({ request }) => {
        const skip = Number(new URL(request.url).searchParams.get('skip') ?? 0)
        return HttpResponse.json({ links: { next: `${BASE}/streams?skip=${skip + 1}` }, results: [{ id: 'same' }] })
      }),
    )
    expect(await collect({})).toEqual(['same', 'same', 'same', 'same'])
    expect(requests).toHaveLength(4)
  })

  it('updatedSince ends, with each change once, when the cursor alternates', async () => {
    server.use(
      http.get(`${BASE}/streams`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor')
        const next = cursor === 'c1' ? 'c0' : 'c1'
        return HttpResponse.json({ links: { next: `${BASE}/streams?orderBy=last_updated&pagination=cursor&cursor=${next}` }, results: [{ id: 'x', last_updated: '2026-01-15T19:00:00Z' }] })
      }),
    )
    const changed = await client.streams.updatedSince('2026-01-01T00:00:00Z')
    expect(requests.length).toBeLessThanOrEqual(4)
    expect(changed.map((stream) => stream.id)).toEqual(['x'])
  })

  it('stops on an empty page even when it carries a next link', async () => {
    server.use(http.get(`${BASE}/streams`, () => HttpResponse.json({ links: { next: `${BASE}/streams?skip=99` }, results: [] })))
    expect(await collect({})).toEqual([])
    expect(requests).toHaveLength(1)
  })

  it('resolves relative next links against the page that returned them', async () => {
    server.use(
      http.get(`${BASE}/streams`, ({ request }) => {
        const skip = Number(new URL(request.url).searchParams.get('skip') ?? 0)
        const next = skip === 0 ? '?skip=1&limit=1' : skip === 1 ? 'streams?skip=2&limit=1' : null
        return HttpResponse.json({ links: { next }, results: [{ id: `s${skip}` }] })
      }),
    )
    expect(await collect({ limit: 1 })).toEqual(['s0', 's1', 's2'])
    expect(requests.map((request) => new URL(request.url).search)).toEqual(['?limit=1', '?skip=1&limit=1', '?skip=2&limit=1'])
  })

  it('never sends the key to a next link on another origin', async () => {
    const foreign: Request[] = []
    server.use(
      http.get('https://elsewhere.example/*', ({ request }) => {
        foreign.push(request)
        return HttpResponse.json({ results: [] })
      }),
      http.get(`${BASE}/streams`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor')
        return HttpResponse.json({ links: { next: cursor ? null : 'https://elsewhere.example/streams?cursor=c1&limit=1' }, results: [{ id: cursor ?? 'first' }] })
      }),
    )
    expect(await collect({ limit: 1 })).toEqual(['first', 'c1'])
    expect(foreign).toHaveLength(0)
    expect(requests.map((request) => [new URL(request.url).origin, request.headers.get('x-api-key')])).toEqual([
      [BASE, KEY],
      [BASE, KEY],
    ])
  })

  it('in proxy mode (no key, baseUrl on the app) maps next links onto baseUrl', async () => {
    const proxy = 'https://app.example/api/hotmic'
    const api = createMockHotMicApi({ baseUrl: proxy, streamCount: 5, userCount: 2 })
    server.use(
      http.get(`${proxy}/streams`, async ({ request }) => {
        // A proxy that passes the upstream body through unchanged: its links point at the real API.
        const upstream = await (await fetch(request.url.replace(proxy, `${proxy}/upstream`))).json()
        const rewritten = { ...upstream, links: { next: upstream.links.next?.replace(proxy, BASE) ?? null } }
        return HttpResponse.json(rewritten)
      }),
      ...createMockHotMicApi({ baseUrl: `${proxy}/upstream`, db: api.db }).handlers,
    )
    const proxied = createHotMicClient({ baseUrl: proxy, retry: false })
    const ids = await collect({ limit: 2, orderBy: 'id' }, proxied)
    expect(ids).toEqual(api.db.streams.all().map((stream) => stream.id).sort())
    const outgoing = requests.filter((request) => !request.url.includes('/upstream'))
    expect(outgoing.map((request) => new URL(request.url).origin)).toEqual([proxy, proxy, proxy].map((url) => new URL(url).origin))
    expect(outgoing.every((request) => request.headers.get('x-api-key') === null)).toBe(true)
  })

  it('an abort between pages stops the iteration with an aborted error', async () => {
    server.use(...createMockHotMicApi({ streamCount: 6, userCount: 2, apiKey: KEY }).handlers)
    const controller = new AbortController()
    const seen: number[] = []
    const run = (async () => {
      for await (const page of client.streams.pages({ limit: 2 }, { signal: controller.signal })) {
        seen.push(page.results.length)
        controller.abort()
      }
    })()
    await expect(run).rejects.toMatchObject({ name: 'HotMicError', kind: 'aborted' })
    expect(seen).toEqual([2])
  })
})
