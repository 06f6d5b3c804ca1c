import { QueryClient } from '@tanstack/react-query'
import { waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import type { Stream } from '../../src/client/schemas.js'
import { useStreamUpdates } from '../../src/hooks/use-stream-updates.js'
import { useStreams } from '../../src/hooks/use-streams.js'
import { hotmicKeys } from '../../src/query/keys.js'
import { streamQueryOptions, streamsQueryOptions } from '../../src/query/stream-options.js'
import { createStreamSync, type StreamSync } from '../../src/query/stream-sync.js'
import { renderHotMicHook } from '../render-with-client.js'
import { BASE, setupEmbeddedApi } from '../hooks/embedded-api.js'

const { api, server, requests } = setupEmbeddedApi()
afterEach(() => vi.useRealTimers())

const LATER = '2026-02-01T12:00:00Z'

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } })
  const client = createHotMicClient({ retry: false })
  return { queryClient, client }
}

function change(stream: Stream, patch: Partial<Stream>) {
  api.db.streams.put({ ...stream, last_updated: LATER, ...patch })
}

/** A page-visibility stand-in the test controls. */
function fakeDocument() {
  const target = new EventTarget() as EventTarget & { visibilityState: DocumentVisibilityState }
  target.visibilityState = 'visible'
  return Object.assign(target, {
    show(state: DocumentVisibilityState) {
      target.visibilityState = state
      target.dispatchEvent(new Event('visibilitychange'))
    },
  })
}

/** Resolves when the sync next finishes a successful run. */
function nextSync(sync: StreamSync) {
  const before = sync.getState().lastSyncAt
  return new Promise<void>((resolve) => {
    const off = sync.subscribe(() => {
      if (sync.getState().lastSyncAt === before) return
      off()
      resolve()
    })
  })
}

describe('createStreamSync', () => {
  it('fetches only changes since the newest cached update and patches every cached copy', async () => {
    const { queryClient, client } = setup()
    const live = api.db.streams.all().filter((stream) => stream.state === 'LIVE')
    const target = live[0]!
    await queryClient.prefetchQuery(streamsQueryOptions(client, { state: 'LIVE' }))
    await queryClient.prefetchQuery(streamQueryOptions(client, target.id))
    const newest = api.db.streams
      .all()
      .filter((stream) => stream.state === 'LIVE')
      .map((stream) => stream.last_updated!)
      .sort()
      .at(-1)!
    requests.length = 0
    change(target, { title: 'Synced title' })

    const sync = createStreamSync(queryClient, client, { intervalMs: 1000, overlapMs: 2000 })
    await expect(sync.syncNow()).resolves.toBe(1)
    expect(requests).toHaveLength(1)
    expect(requests[0]!.searchParams.get('orderBy')).toBe('last_updated')
    expect(Date.parse(requests[0]!.searchParams.get('cursor')!)).toBe(Date.parse(newest) - 2000)
    expect(queryClient.getQueryData<Stream>(hotmicKeys.streams.detail(target.id))!.title).toBe('Synced title')
    const list = queryClient.getQueryData<{ results: Stream[] }>(hotmicKeys.streams.list({ state: 'LIVE' }))!
    expect(list.results.find((stream) => stream.id === target.id)!.title).toBe('Synced title')
    expect(sync.getState()).toMatchObject({ changes: 1, totalChanges: 1, error: null })
    expect(sync.getState().lastSyncAt).toEqual(expect.any(Number))

    // The next request starts a little behind the new mark and skips what it already applied.
    await expect(sync.syncNow()).resolves.toBe(0)
    expect(Date.parse(requests[1]!.searchParams.get('cursor')!)).toBe(Date.parse(LATER) - 2000)
    expect(sync.getState()).toMatchObject({ changes: 0, totalChanges: 1 })
  })

  it('picks up a change sharing the second of one already seen', async () => {
    const { queryClient, client } = setup()
    const [a, b] = api.db.streams.all()
    const sync = createStreamSync(queryClient, client, { intervalMs: 1000, since: '2026-01-31T00:00:00Z' })
    change(a!, { title: 'first' })
    await expect(sync.syncNow()).resolves.toBe(1)
    change(b!, { title: 'same second' })
    await expect(sync.syncNow()).resolves.toBe(1)
    change(a!, { title: 'first again, same second' })
    // Same id and timestamp as before, new content: a change all the same.
    await expect(sync.syncNow()).resolves.toBe(1)
    // The overlap brings both again, unchanged: not counted again.
    await expect(sync.syncNow()).resolves.toBe(0)
    expect(sync.getState().totalChanges).toBe(3)
  })

  it('applies a second change to a stream within the same whole second', async () => {
    const { queryClient, client } = setup()
    const [a] = api.db.streams.all()
    const sync = createStreamSync(queryClient, client, { intervalMs: 1000, since: '2026-01-31T00:00:00Z' })
    change(a!, { title: 'v1' })
    await expect(sync.syncNow()).resolves.toBe(1)
    // Written later in the same second: same last_updated, new content.
    change(a!, { title: 'v2' })
    await expect(sync.syncNow()).resolves.toBe(1)
    expect(queryClient.getQueryData<Stream>(hotmicKeys.streams.detail(a!.id))).toBeUndefined()
    const seenTitles: string[] = []
    queryClient.setQueryData(hotmicKeys.streams.detail(a!.id), { ...a!, title: 'cached' })
    change(a!, { title: 'v3' })
    await sync.syncNow()
    seenTitles.push(queryClient.getQueryData<Stream>(hotmicKeys.streams.detail(a!.id))!.title!)
    // The unchanged copy the overlap brings again is not counted again.
    await expect(sync.syncNow()).resolves.toBe(0)
    expect(seenTitles).toEqual(['v3'])
    expect(sync.getState().totalChanges).toBe(3)
  })

  it('a stream dated in the future does not move the cursor past changes still to come', async () => {
    const { queryClient, client } = setup()
    const [a, b] = api.db.streams.all()
    const clock = Date.parse(LATER) + 5000
    const sync = createStreamSync(queryClient, client, { intervalMs: 1000, since: '2026-01-31T00:00:00Z', now: () => clock })
    change(a!, { title: 'from the future', last_updated: '2099-01-01T00:00:00Z' })
    await expect(sync.syncNow()).resolves.toBe(1)
    expect(Date.parse(requests.at(-1)!.searchParams.get('cursor')!)).toBe(Date.parse('2026-01-31T00:00:00Z') - 1000)
    // Written after that sync, by a server clock that agrees with this device's.
    change(b!, { title: 'written after', last_updated: '2026-02-01T12:00:05Z' })
    await expect(sync.syncNow()).resolves.toBe(1)
    // A stamp years past this device's clock is broken: it did not move the cursor.
    expect(Date.parse(requests.at(-1)!.searchParams.get('cursor')!)).toBe(Date.parse('2026-01-31T00:00:00Z') - 1000)
    // The 2099 stamp proves nothing past this device's clock: the clock's own second stays open.
    const [, , c] = api.db.streams.all()
    change(c!, { title: 'same second as the device clock', last_updated: new Date(clock).toISOString() })
    await expect(sync.syncNow()).resolves.toBe(1)
  })

  it('a stamp more than five minutes past this device clock moves nothing, even on a device that runs ahead', async () => {
    const { queryClient, client } = setup()
    const [a, b] = api.db.streams.all()
    // This device runs 2 min ahead of the server, whose clock reads LATER.
    const clock = Date.parse(LATER) + 120_000
    const sync = createStreamSync(queryClient, client, { intervalMs: 1000, since: '2026-01-31T00:00:00Z', now: () => clock })
    change(a!, { title: 'broken stamp', last_updated: '2099-01-01T00:00:00Z' })
    await expect(sync.syncNow()).resolves.toBe(1)
    // Capped at this device's clock, the cursor would pass every change the server writes in the next 2 min.
    expect(Date.parse(requests.at(-1)!.searchParams.get('cursor')!)).toBe(Date.parse('2026-01-31T00:00:00Z') - 1000)
    change(b!, { title: 'written 5 s later by the server clock', last_updated: '2026-02-01T12:00:05Z' })
    await expect(sync.syncNow()).resolves.toBe(1)
    expect(sync.getState().totalChanges).toBe(2)
  })

  it('starts at the newest cached stamp that is not broken, and never past this device clock', async () => {
    const { queryClient, client } = setup()
    const [a, b, c] = api.db.streams.all()
    const clock = Date.parse(LATER)
    queryClient.setQueryData(hotmicKeys.streams.list({}), {
      results: [
        { ...a!, last_updated: '2099-01-01T00:00:00Z' },
        { ...b!, title: 'old', last_updated: new Date(clock - 60_000).toISOString() },
      ],
      links: { next: null, self: null },
    })
    change(b!, { title: 'new', last_updated: new Date(clock - 1000).toISOString() })
    const sync = createStreamSync(queryClient, client, { intervalMs: 1000, now: () => clock })
    await expect(sync.syncNow()).resolves.toBeGreaterThanOrEqual(1)
    expect(Date.parse(requests.at(-1)!.searchParams.get('cursor')!)).toBe(clock - 61_000)
    const cached = queryClient.getQueryData<{ results: Stream[] }>(hotmicKeys.streams.list({}))!
    expect(cached.results.find((stream) => stream.id === b!.id)!.title).toBe('new')
    // A stamp a little past this device's clock (a server that runs ahead) counts, up to the clock.
    queryClient.setQueryData(hotmicKeys.streams.list({ state: 'LIVE' }), { results: [{ ...c!, last_updated: new Date(clock + 30_000).toISOString() }], links: { next: null, self: null } })
    const second = createStreamSync(queryClient, client, { intervalMs: 1000, now: () => clock })
    await second.syncNow()
    expect(Date.parse(requests.at(-1)!.searchParams.get('cursor')!)).toBe(clock - 1000)
  })

  describe('the newest second, once over on the server clock', () => {
    const S = Date.parse(LATER)
    let monotonic = 1_000_000
    const cursors = () => requests.map((url) => Date.parse(url.searchParams.get('cursor')!))
    const later = (ms: number) => (monotonic += ms)

    function start({ overlapMs, fetch }: { overlapMs?: number; fetch?: typeof globalThis.fetch } = {}) {
      vi.spyOn(performance, 'now').mockImplementation(() => monotonic)
      const queryClient = new QueryClient()
      const client = createHotMicClient({ retry: false, fetch })
      requests.length = 0
      return createStreamSync(queryClient, client, { intervalMs: 1000, since: '2026-01-31T00:00:00Z', overlapMs })
    }
    afterEach(() => vi.restoreAllMocks())

    it('does not come again once a request left after it ended', async () => {
      const sync = start()
      const [a] = api.db.streams.all()
      change(a!, { title: 'at S' })
      await expect(sync.syncNow()).resolves.toBe(1)
      // The stamp S says the server clock was at S or later when this answer came.
      later(400)
      await expect(sync.syncNow()).resolves.toBe(0)
      later(1700)
      await expect(sync.syncNow()).resolves.toBe(0)
      // The third request left at S + 2.1 s at the earliest, a second after S ended: it brought all of S.
      await expect(sync.syncNow()).resolves.toBe(0)
      expect(cursors()).toEqual([Date.parse('2026-01-31T00:00:00Z') - 1000, S - 1000, S - 1000, S])
    })

    it('still brings a write into that second made after a request that left before it ended', async () => {
      const sync = start()
      const [a, b] = api.db.streams.all()
      change(a!, { title: 'at S' })
      await expect(sync.syncNow()).resolves.toBe(1)
      later(500)
      await expect(sync.syncNow()).resolves.toBe(0)
      // Written after that request was read, in the same second S.
      change(b!, { title: 'also at S, later' })
      later(2000)
      // The clock is past S now, but the last request left at S + 0.5 s: S may hold writes it missed.
      await expect(sync.syncNow()).resolves.toBe(1)
      await expect(sync.syncNow()).resolves.toBe(0)
      expect(cursors().slice(1)).toEqual([S - 1000, S - 1000, S])
      expect(sync.getState().totalChanges).toBe(2)
    })

    it('a write into that second that becomes visible within overlapMs after it ended is still fetched', async () => {
      const sync = start()
      const [a, b] = api.db.streams.all()
      change(a!, { title: 'at S' })
      await expect(sync.syncNow()).resolves.toBe(1)
      later(1100)
      await expect(sync.syncNow()).resolves.toBe(0)
      // Stamped S, committed at S + 1.2 s (a transaction stamped when it began).
      later(100)
      change(b!, { title: 'stamped S, visible late' })
      later(1000)
      await expect(sync.syncNow()).resolves.toBe(1)
    })

    it('an overlapMs under a second still covers the whole newest second', async () => {
      const sync = start({ overlapMs: 500 })
      const [a, b] = api.db.streams.all()
      change(a!, { title: 'at S' })
      await expect(sync.syncNow()).resolves.toBe(1)
      later(600)
      await expect(sync.syncNow()).resolves.toBe(0)
      later(200)
      change(b!, { title: 'at S + 0.8 s' })
      later(2000)
      await expect(sync.syncNow()).resolves.toBe(1)
    })

    it('what a request proves dates from when it left, not from when its answer came', async () => {
      let slow = false
      // The API reads, then the answer takes 1.5 s to arrive.
      const sync = start({
        fetch: async (input, init) => {
          const response = await fetch(input, init)
          if (slow) later(1500)
          return response
        },
      })
      const [a, b] = api.db.streams.all()
      change(a!, { title: 'at S' })
      await expect(sync.syncNow()).resolves.toBe(1)
      later(500)
      slow = true
      // Read at S + 0.5 s, answered at S + 2 s.
      await expect(sync.syncNow()).resolves.toBe(0)
      slow = false
      // Written at S + 0.9 s, after that read.
      change(b!, { title: 'at S, after the read' })
      await expect(sync.syncNow()).resolves.toBe(1)
    })

    it('a failed request proves nothing', async () => {
      const sync = start()
      const [a] = api.db.streams.all()
      change(a!, { title: 'at S' })
      await sync.syncNow()
      later(2500)
      server.use(http.get(`${BASE}/streams`, () => HttpResponse.json({ message: 'down' }, { status: 503 }), { once: true }))
      await sync.syncNow()
      expect(sync.getState().error).toMatchObject({ status: 503 })
      await expect(sync.syncNow()).resolves.toBe(0)
      expect(cursors().slice(1)).toEqual([S - 1000, S - 1000])
    })
  })

  it('with nothing cached and no since, starts well behind this device clock (which may run ahead)', async () => {
    const { queryClient, client } = setup()
    const [a] = api.db.streams.all()
    // This device is 10 s ahead of the server's LATER.
    const sync = createStreamSync(queryClient, client, { intervalMs: 1000, now: () => Date.parse(LATER) + 10_000 })
    change(a!, { title: 'written on the server clock' })
    await expect(sync.syncNow()).resolves.toBe(1)
  })

  it('invalidates the lists filtered by the states a stream left and entered, and only those', async () => {
    const { queryClient, client } = setup()
    const scheduled = api.db.streams.all().find((stream) => stream.state === 'SCHEDULED')!
    await Promise.all([
      queryClient.prefetchQuery(streamsQueryOptions(client, { state: 'SCHEDULED' })),
      queryClient.prefetchQuery(streamsQueryOptions(client, { state: 'LIVE' })),
      queryClient.prefetchQuery(streamsQueryOptions(client, { state: 'VOD' })),
      queryClient.prefetchQuery(streamsQueryOptions(client, { limit: 1000 })),
    ])
    change(scheduled, { state: 'LIVE' })
    const sync = createStreamSync(queryClient, client, { intervalMs: 1000 })
    await sync.syncNow()
    const invalidated = (params: object) => queryClient.getQueryState(hotmicKeys.streams.list(params))!.isInvalidated
    expect(invalidated({ state: 'SCHEDULED' })).toBe(true)
    expect(invalidated({ state: 'LIVE' })).toBe(true)
    expect(invalidated({ state: 'VOD' })).toBe(false)
    expect(invalidated({ limit: 1000 })).toBe(false)
    const all = queryClient.getQueryData<{ results: Stream[] }>(hotmicKeys.streams.list({ limit: 1000 }))!
    expect(all.results.find((stream) => stream.id === scheduled.id)!.state).toBe('LIVE')
  })

  it('runs on its interval, pauses while the page is hidden and syncs at once when it shows', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { queryClient, client } = setup()
    const doc = fakeDocument()
    const sync = createStreamSync(queryClient, client, { intervalMs: 5000, since: LATER, document: doc })
    let synced = nextSync(sync)
    sync.start()
    await synced
    expect(requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(4999)
    expect(requests).toHaveLength(1)
    synced = nextSync(sync)
    await vi.advanceTimersByTimeAsync(1)
    await synced
    expect(requests).toHaveLength(2)

    doc.show('hidden')
    expect(sync.getState().paused).toBe(true)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(requests).toHaveLength(2)

    synced = nextSync(sync)
    doc.show('visible')
    expect(sync.getState().paused).toBe(false)
    await synced
    expect(requests).toHaveLength(3)
    sync.stop()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(requests).toHaveLength(3)
  })

  it('a page hidden during a request ends it: paused, and no longer syncing', async () => {
    const { queryClient, client } = setup()
    const doc = fakeDocument()
    let answer!: () => void
    server.use(http.get(`${BASE}/streams`, () => new Promise<Response>((resolve) => (answer = () => resolve(HttpResponse.json({ results: [], links: {} }))))))
    const sync = createStreamSync(queryClient, client, { intervalMs: 60_000, since: LATER, document: doc })
    sync.start()
    await waitFor(() => expect(answer).toBeDefined())
    expect(sync.getState().syncing).toBe(true)
    doc.show('hidden')
    expect(sync.getState()).toMatchObject({ paused: true, syncing: false })
    answer()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(sync.getState()).toMatchObject({ paused: true, syncing: false, lastSyncAt: null })
    sync.stop()
  })

  it('keeps the last error and clears it on the next success', async () => {
    const { queryClient, client } = setup()
    server.use(http.get(`${BASE}/streams`, () => HttpResponse.json({ message: 'down' }, { status: 503 })))
    const sync = createStreamSync(queryClient, client, { intervalMs: 1000, since: LATER })
    await sync.syncNow()
    expect(sync.getState().error).toMatchObject({ kind: 'http', status: 503 })
    expect(sync.getState().lastSyncAt).toBeNull()
    server.resetHandlers()
    await sync.syncNow()
    expect(sync.getState().error).toBeNull()
    expect(sync.getState().lastSyncAt).not.toBeNull()
  })

  it('refuses a bad start time or interval clearly', () => {
    const { queryClient, client } = setup()
    expect(() => createStreamSync(queryClient, client, { intervalMs: 1000, since: 'not a date' })).toThrow(expect.objectContaining({ kind: 'invalid-request' }))
    expect(() => createStreamSync(queryClient, client, { intervalMs: 0 })).toThrow(expect.objectContaining({ kind: 'invalid-request' }))
    // setTimeout fires at once past 2^31 - 1 ms: such an interval would sync continuously.
    expect(() => createStreamSync(queryClient, client, { intervalMs: 2 ** 31 })).toThrow(expect.objectContaining({ kind: 'invalid-request' }))
    expect(() => createStreamSync(queryClient, client, { intervalMs: 1000, overlapMs: Number.NaN })).toThrow(expect.objectContaining({ kind: 'invalid-request' }))
    expect(() => createStreamSync(queryClient, client, { intervalMs: 1000, overlapMs: -1 })).toThrow(expect.objectContaining({ kind: 'invalid-request' }))
    expect(() => createStreamSync(queryClient, client, { intervalMs: 1000, since: 9e15 })).toThrow(expect.objectContaining({ kind: 'invalid-request' }))
  })
})

describe('useStreamUpdates', () => {
  it('reports the last sync and the changes, and keeps a mounted list current', async () => {
    const target = api.db.streams.all().find((stream) => stream.state === 'LIVE')!
    const { result } = renderHotMicHook(() => ({ list: useStreams({ state: 'LIVE', limit: 100 }), sync: useStreamUpdates({ intervalMs: 10 }) }))
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true))
    await waitFor(() => expect(result.current.sync.lastSyncAt).not.toBeNull())
    expect(result.current.sync).toMatchObject({ totalChanges: 0, paused: false, error: null })
    // Nothing was cached at the first sync, so its mark is the current time: change after it.
    change(target, { title: 'Changed live', last_updated: new Date(Date.now() + 60_000).toISOString() })
    await waitFor(() => expect(result.current.sync.totalChanges).toBe(1))
    expect(result.current.list.data!.results.find((stream) => stream.id === target.id)!.title).toBe('Changed live')
  })

  it('disabled during a request, reports it over', async () => {
    let answer!: () => void
    server.use(http.get(`${BASE}/streams`, ({ request }) =>
      new URL(request.url).searchParams.has('cursor') ? new Promise<Response>((resolve) => (answer = () => resolve(HttpResponse.json({ results: [], links: {} })))) : undefined,
    ))
    const { result, rerender } = renderHotMicHook(({ enabled }: { enabled: boolean }) => useStreamUpdates({ intervalMs: 60_000, enabled }), { initialProps: { enabled: true } })
    await waitFor(() => expect(result.current.syncing).toBe(true))
    rerender({ enabled: false })
    await waitFor(() => expect(result.current.syncing).toBe(false))
    answer()
  })

  it('does nothing while disabled', async () => {
    const { result } = renderHotMicHook(() => ({ list: useStreams({ limit: 1 }), sync: useStreamUpdates({ intervalMs: 10, enabled: false }) }))
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true))
    expect(result.current.sync.lastSyncAt).toBeNull()
    expect(requests.every((url) => !url.searchParams.has('cursor'))).toBe(true)
  })
})
