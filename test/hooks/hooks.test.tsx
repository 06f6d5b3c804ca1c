import { act, renderHook, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { HotMicError } from '../../src/client/errors.js'
import { useHotMicClient } from '../../src/hooks/provider.js'
import { useInfiniteStreams } from '../../src/hooks/use-infinite-streams.js'
import { useStream } from '../../src/hooks/use-stream.js'
import { useStreams } from '../../src/hooks/use-streams.js'
import { useUpdateStream } from '../../src/hooks/use-update-stream.js'
import { hotmicKeys } from '../../src/query/keys.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { renderHotMicHook } from '../render-with-client.js'

const BASE = 'https://public-api.hotmic.io'
const api = createMockHotMicApi({ now: Date.UTC(2026, 0, 15, 18) })
const server = setupServer(...api.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  api.db.reset()
})
afterAll(() => server.close())

describe('useStreams', () => {
  it('returns a page of the embedded API, filtered', async () => {
    const { result } = renderHotMicHook(() => useStreams({ state: 'LIVE', limit: 5 }))
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data!.results).toHaveLength(5)
    expect(result.current.data!.results.every((stream) => stream.state === 'LIVE')).toBe(true)
  })

  it('reports failures as HotMicError', async () => {
    server.use(http.get(`${BASE}/streams`, () => HttpResponse.json({ message: 'nope' }, { status: 403 })))
    const { result } = renderHotMicHook(() => useStreams())
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toBeInstanceOf(HotMicError)
    expect(result.current.error).toMatchObject({ kind: 'http', status: 403 })
  })

  it('uses the same key whether a param is absent or undefined', () => {
    expect(hotmicKeys.streams.list({ state: undefined, limit: 5 })).toEqual(hotmicKeys.streams.list({ limit: 5 }))
  })
})

describe('useInfiniteStreams', () => {
  it('pages through every stream with cursor pagination, each id once', async () => {
    const { result } = renderHotMicHook(() => useInfiniteStreams({ limit: 40, orderBy: 'last_updated', desc: true }))
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data!.streams).toHaveLength(40)
    for (let page = 2; page <= 4; page++) {
      expect(result.current.hasNextPage).toBe(true)
      await act(() => result.current.fetchNextPage())
      await waitFor(() => expect(result.current.data!.pages).toHaveLength(page))
    }
    expect(result.current.hasNextPage).toBe(false)
    const ids = result.current.data!.streams.map((stream) => stream.id)
    expect(ids).toHaveLength(api.db.streams.all().length)
    expect(new Set(ids).size).toBe(ids.length)
    expect(result.current.data!.pages).toHaveLength(4)
    expect(result.current.data!.pageParams[0]).toMatchObject({ pagination: 'cursor' })
  })

  it('keeps each id once when data shifts between pages', async () => {
    const stream = api.db.streams.all()[0]!
    server.use(
      http.get(`${BASE}/streams`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor')
        return HttpResponse.json({ links: { next: cursor ? null : `${BASE}/streams?cursor=c1` }, results: cursor ? [stream, { ...stream, id: 'other' }] : [stream] })
      }),
    )
    const { result } = renderHotMicHook(() => useInfiniteStreams())
    // React Query re-renders only for the result fields read so far: read data before paging.
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1))
    await act(() => result.current.fetchNextPage())
    await waitFor(() => expect(result.current.data!.pages).toHaveLength(2))
    expect(result.current.data!.streams.map((s) => s.id)).toEqual([stream.id, 'other'])
    expect(result.current.hasNextPage).toBe(false)
  })
})

describe('useUpdateStream', () => {
  it('changes every cached copy at once, then keeps the server answer', async () => {
    const target = api.db.streams.all().find((stream) => stream.state === 'LIVE')!
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    server.use(http.put(`${BASE}/streams/:id`, async () => void (await gate)))
    const { result, queryClient } = renderHotMicHook(() => ({
      list: useStreams({ state: 'LIVE', limit: 100 }),
      infinite: useInfiniteStreams({ state: 'LIVE' }),
      one: useStream(target.id),
      update: useUpdateStream(),
    }))
    await waitFor(() => expect(result.current.list.isSuccess && result.current.infinite.isSuccess && result.current.one.isSuccess).toBe(true))

    act(() => result.current.update.mutate({ id: target.id, patch: { title: 'Optimistic ✓' } }))
    await waitFor(() => expect(result.current.one.data!.title).toBe('Optimistic ✓'))
    expect(result.current.list.data!.results.find((s) => s.id === target.id)!.title).toBe('Optimistic ✓')
    expect(result.current.infinite.data!.streams.find((s) => s.id === target.id)!.title).toBe('Optimistic ✓')

    server.resetHandlers()
    release()
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true))
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(api.db.streams.get(target.id)!.title).toBe('Optimistic ✓')
    expect(result.current.one.data!.title).toBe('Optimistic ✓')
  })

  it('rolls every touched entry back exactly when the update fails', async () => {
    const target = api.db.streams.all().find((stream) => stream.state === 'LIVE')!
    server.use(http.put(`${BASE}/streams/:id`, () => HttpResponse.json({ message: 'title too long' }, { status: 400 })))
    const { result, queryClient } = renderHotMicHook(() => ({
      list: useStreams({ state: 'LIVE', limit: 100 }),
      one: useStream(target.id),
      update: useUpdateStream(),
    }))
    await waitFor(() => expect(result.current.list.isSuccess && result.current.one.isSuccess).toBe(true))
    const before = { list: queryClient.getQueryData(hotmicKeys.streams.list({ state: 'LIVE', limit: 100 })), one: result.current.one.data }

    act(() => result.current.update.mutate({ id: target.id, patch: { title: 'Will fail' } }))
    await waitFor(() => expect(result.current.update.isError).toBe(true))
    expect(result.current.update.error).toMatchObject({ kind: 'http', status: 400 })
    expect(queryClient.getQueryData(hotmicKeys.streams.list({ state: 'LIVE', limit: 100 }))).toEqual(before.list)
    expect(result.current.one.data).toEqual(before.one)
    expect(result.current.one.data!.title).toBe(target.title)
  })
})

describe('HotMicProvider', () => {
  it('says clearly when it is missing', () => {
    expect(() => renderHook(() => useHotMicClient())).toThrow(/no HotMicProvider/)
  })
})
