import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import type { HotMicError } from '../../src/client/errors.js'
import { parseStream, parseStreamPage, parseUser } from '../../src/client/schemas.js'
import { makeStream } from '../../src/testing/fixtures.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { setupMockServer } from './mock-server.js'

// The documented example requests and responses (shared/hotmic-api.md and the original docs text),
// through the client and the embedded API.

const BASE = 'https://public-api.hotmic.io'
const KEY = 'contract-key'
const api = createMockHotMicApi({ apiKey: KEY, now: Date.UTC(2026, 0, 15, 18) })
const { server, requests } = setupMockServer(...api.handlers)

afterEach(() => {
  vi.restoreAllMocks()
  api.db.reset()
})

const client = createHotMicClient({ apiKey: KEY, retry: false })
const sent = (index = 0) => {
  const url = new URL(requests[index]!.url)
  return `${url.pathname}${decodeURIComponent(url.search)}`
}

describe('the documented example requests', () => {
  it('all streams, and a bigger page', async () => {
    await client.streams.list()
    await client.streams.list({ limit: 1000 })
    expect([sent(0), sent(1)]).toEqual(['/streams', '/streams?limit=1000'])
  })

  it('the next page, by following links.next', async () => {
    server.use(
      http.get(`${BASE}/streams`, ({ request }) =>
        HttpResponse.json({
          links: { next: new URL(request.url).searchParams.has('cursor') ? null : `${BASE}/streams?cursor=a3113c5b-26f5-4704-aa43-288446d250b6&limit=1000` },
          results: [makeStream()],
        }),
      ),
    )
    const pages = []
    for await (const page of client.streams.pages({ limit: 1000 })) pages.push(page)
    expect(pages).toHaveLength(2)
    expect(sent(1)).toBe('/streams?cursor=a3113c5b-26f5-4704-aa43-288446d250b6&limit=1000')
  })

  it('specific streams, and one host’s streams', async () => {
    await client.streams.list({ ids: ['e35a851b-e161-46b7-a921-f6899ccb9cc0', '0e246a7b-1a14-4028-aac6-a2f0433bd8c7'] })
    await client.streams.list({ userId: 'e35a851b-e161-46b7-a921-f6899ccb9cc0' })
    expect([sent(0), sent(1)]).toEqual([
      '/streams?ids=e35a851b-e161-46b7-a921-f6899ccb9cc0_0e246a7b-1a14-4028-aac6-a2f0433bd8c7',
      '/streams?userId=e35a851b-e161-46b7-a921-f6899ccb9cc0',
    ])
  })

  it('streams updated since the last check (plus pagination=cursor so every page continues correctly)', async () => {
    await client.streams.updatedSince('2022-10-13T17:00:08Z')
    expect(sent()).toBe('/streams?orderBy=last_updated&pagination=cursor&cursor=2022-10-13T17:00:08Z')
  })

  it('the docs’ cursor example: ids 1–5 by id, cursor 2, limit 2 answers 3 and 4', async () => {
    const local = createMockHotMicApi({ baseUrl: 'https://cursor.example', streams: ['1', '2', '3', '4', '5'].map((id) => makeStream({ id })), users: [] })
    server.use(...local.handlers)
    const page = await createHotMicClient({ baseUrl: 'https://cursor.example', retry: false }).streams.list({ orderBy: 'id', cursor: '2', limit: 2 })
    expect(page.results.map((stream) => stream.id)).toEqual(['3', '4'])
  })

  it('PUT /streams/{id}, PUT /users/{id} and POST /users send JSON with the key', async () => {
    const stream = api.db.streams.all()[0]!
    const user = api.db.users.all()[0]!
    await client.streams.update(stream.id, { title: 'streams are great', invite_link: 'https://www.mylink.com' })
    await client.users.update(user.id, { name: 'friendly host', email: 'host1@hotmic.io', default_invite_link: 'https://www.yourapplink.com/host' })
    const created = await client.users.create({ name: 'cake’s name' })
    expect(created.name).toBe('cake’s name')
    expect(requests.map((request) => [request.method, new URL(request.url).pathname, request.headers.get('content-type'), request.headers.get('x-api-key')])).toEqual([
      ['PUT', `/streams/${stream.id}`, 'application/json', KEY],
      ['PUT', `/users/${user.id}`, 'application/json', KEY],
      ['POST', '/users', 'application/json', KEY],
    ])
    expect(await requests[1]!.json()).toEqual({ name: 'friendly host', email: 'host1@hotmic.io', default_invite_link: 'https://www.yourapplink.com/host' })
  })
})

describe('the documented example responses parse and round-trip', () => {
  const source = { method: 'GET', url: `${BASE}/streams` }
  const listExample = {
    links: { next: `${BASE}/streams?skip=3&limit=2&orderBy=title`, self: `${BASE}/streams?skip=1&limit=2&orderBy=title` },
    limit: 2,
    count: 2,
    results: [
      {
        id: '82052303-2a84-45b9-9f5e-3e3447208ece',
        user_id: 'a4e1f186-6824-4a5f-a33e-a5ab1b776000',
        title: '111 live',
        thumbnail: 'https://d1h34rji.cloudfront.net/thumbnails/default_thumbnail_turner.png',
        scheduled_date: '2022-08-16T22:27:08Z',
        state: 'vod',
        type: 'broadcast',
        description: '',
        event_id: 'bb1a5dfd-8d20-4881-a675-0433e4334088',
        live_date: '2022-08-16T22:28:36Z',
        duration: 31.295,
        user: { id: 'a5fd6000-6824-44ea-a33e-bbc1a5f89776', followers: 0, display_name: 'bleacherbob', profile_pic: 'https://d1h34rji.cloudfront.net/apps/09c935f5/images/profile.png' },
        last_updated: '2022-08-16T22:29:17Z',
        video_url: 'https://d1h34rji.cloudfront.net/recorded_streams/chris_9073/8205.m3u8',
      },
      {
        id: '85a2e0d8-02cc-4824-a3ff-0a4373000000',
        title: '123',
        state: 'vod',
        duration: 71.351,
        video_url: 'https://d1h34rji.cloudfront.net/recorded_streams/chr03/85a2e6873/video.m3u8',
        video_mp4_url: 'https://example.com/file.mp4',
        video_dash_url: 'https://example.com/manifest.mpd',
        video_orientation: 'portrait',
        tags: [
          { uuid: '48681e1e-fda3-438e-990c-8f925964f410', type: 'general', displayName: '11' },
          { uuid: '864e2094-9865-4f5b-8891-391fe9cfa23f', type: 'general', displayName: '3 rsadf adsf' },
        ],
      },
    ],
  }

  it('the list response: everything kept, the state upper-cased, stable through JSON', () => {
    const parsed = parseStreamPage(listExample, source)
    expect(parsed).toEqual({ ...listExample, results: listExample.results.map((stream) => ({ ...stream, state: 'VOD' })) })
    expect(parseStreamPage(JSON.parse(JSON.stringify(parsed)), source)).toEqual(parsed)
  })

  it('the stream update response, with hls_url and vod_url', () => {
    const updateExample = {
      id: '82057643-2a46-45b9-96f5-3e3447a18ece',
      user_id: 'a533e987-6824-43ed-a33e-bbc15ab1b776',
      title: 'streams are great',
      thumbnail: 'https://d1h8hiv1w8cbe.cloudfront.net/thumbnails/thu.png',
      scheduled_date: '2022-08-16T22:27:08Z',
      state: 'vod',
      type: 'broadcast',
      description: '',
      hls_url: 'https://d1q6387gevjuox.cloudfront.net/chris_9073/a/chris_9073.m3u8',
      event_id: 'bb0b6f7d-8d20-4881-a675-0433e0ba5883',
      live_date: '2022-08-16T22:28:36Z',
      duration: 31.295,
      vod_url: 'https://d9djhjg315vs.cloudfront.net/recorded_streams/chris_9073/82052303/chris_9073.m3u8',
      last_updated: '2022-08-16T22:29:17Z',
      invite_link: 'https://www.mylink.com',
    }
    const parsed = parseStream(updateExample, { method: 'PUT', url: `${BASE}/streams/x` })
    expect(parsed).toEqual({ ...updateExample, state: 'VOD', video_url: updateExample.vod_url })
    expect(parseStream(JSON.parse(JSON.stringify(parsed)), source)).toEqual(parsed)
    const live = parseStream({ ...updateExample, state: 'live' }, source)
    expect(live.video_url).toBe(updateExample.hls_url)
  })

  it('the user responses, and the 404 body', async () => {
    const user = { id: '079a1eac-d39a-4cc9-8997-d2a1b3da9000', name: 'friendly host', email: 'host1@hotmic.io', default_invite_link: 'https://www.yourapplink.com/host' }
    expect(parseUser(user, source)).toEqual(user)
    server.use(http.put(`${BASE}/users/:id`, () => HttpResponse.json({ message: 'ain’t no cake like that' }, { status: 404 })))
    const error = await client.users.update('x', { name: 'y' }).catch((reason: unknown) => reason as HotMicError)
    expect(error).toMatchObject({ kind: 'http', status: 404, body: { message: 'ain’t no cake like that' } })
    expect((error as HotMicError).message).toContain('ain’t no cake like that')
  })
})

describe('drift', () => {
  it('tolerates drift: numeric ids, string followers, unknown states, wrong types', async () => {
    server.use(
      http.get(`${BASE}/streams`, () =>
        HttpResponse.json({
          results: [{ id: 42, state: 'rehearsal', title: 7, user: { followers: '1.2k' }, tags: [{ name: 'NFL', league_id: 'nfl' }, 'junk'], video_orientation: null }],
        }),
      ),
    )
    const [stream] = (await client.streams.list()).results
    expect(stream).toMatchObject({ id: '42', state: 'REHEARSAL', title: undefined, user: { followers: '1.2k' }, tags: [{ name: 'NFL', league_id: 'nfl' }], video_orientation: null })
  })

  it('keeps unknown fields and states, accepts followers as number or string and both tag shapes, without warnings', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const page = parseStreamPage(
      {
        results: [
          { id: 'a', state: 'Live', user: { followers: '12' }, tags: [{ name: 'NFL', league_id: 'nfl' }], future_field: [1] },
          { id: 'b', state: 'premiere', user: { followers: 12 }, tags: [{ displayName: 'NBA', uuid: 'u' }] },
        ],
      },
      { method: 'GET', url: BASE },
    )
    expect(page.results).toEqual([
      { id: 'a', state: 'LIVE', user: { followers: '12' }, tags: [{ name: 'NFL', league_id: 'nfl' }], future_field: [1] },
      { id: 'b', state: 'PREMIERE', user: { followers: 12 }, tags: [{ displayName: 'NBA', uuid: 'u' }] },
    ])
    expect(page.links).toEqual({ next: null, self: null })
    expect(warn).not.toHaveBeenCalled()
  })

  it('reports a drifted field once with console.warn in development, never in production', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const drifted = { results: [{ id: 'a', description: { html: '<p>' } }, { id: 'b', description: 42 }] }
    const first = parseStreamPage(drifted, { method: 'GET', url: BASE })
    parseStreamPage(drifted, { method: 'GET', url: BASE })
    expect(first.results.map((stream) => stream.description)).toEqual([undefined, undefined])
    expect(warn.mock.calls.filter(([message]) => String(message).includes('stream.description'))).toHaveLength(1)

    vi.stubEnv('NODE_ENV', 'production')
    try {
      parseStreamPage({ results: [{ id: 'c', invite_link: 5 }] }, { method: 'GET', url: BASE })
      expect(warn.mock.calls.some(([message]) => String(message).includes('invite_link'))).toBe(false)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('only unusable data is an error, naming the field path', () => {
    const source = { method: 'GET', url: BASE }
    const path = (body: unknown) => {
      try {
        parseStreamPage(body, source)
      } catch (error) {
        expect(error).toMatchObject({ name: 'HotMicError', kind: 'invalid-response' })
        return (error as HotMicError).path
      }
      return 'parsed'
    }
    expect(path({ results: 'none' })).toBe('results')
    expect(path([])).toBe('results')
    expect(path({ results: [{ id: '' }] })).toBe('results.0.id')
    expect(path({ results: [{ id: 'a' }, { id: null }] })).toBe('results.1.id')
    expect(path({ results: [{ id: 'a' }, 'junk'] })).toBe('results.1')
  })
})
