import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { StrictMode, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import { HotMicProvider } from '../../src/hooks/provider.js'
import { useInfiniteStreams } from '../../src/hooks/use-infinite-streams.js'
import { useStream } from '../../src/hooks/use-stream.js'
import { useStreams } from '../../src/hooks/use-streams.js'
import { useUpdateStream } from '../../src/hooks/use-update-stream.js'
import { hotmicKeys } from '../../src/query/keys.js'
import { makeStream } from '../../src/testing/fixtures.js'
import { renderHotMicHook } from '../render-with-client.js'
import { BASE, setupEmbeddedApi } from './embedded-api.js'

const { api, server, requests } = setupEmbeddedApi()

function gate() {
  let release!: () => void
  const opened = new Promise<void>((resolve) => (release = resolve))
  return { opened, release }
}

describe('StrictMode', () => {
  it('mounts twice with one completed request per key and no error from the aborted one', async () => {
    const completed: string[] = []
    server.events.on('response:mocked', ({ request }) => void completed.push(new URL(request.url).search))
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <HotMicProvider client={createHotMicClient({ retry: false })}>{children}</HotMicProvider>
        </QueryClientProvider>
      </StrictMode>
    )
    const target = api.db.streams.all()[3]!
    const seen: string[] = []
    const { result } = renderHook(
      () => {
        const list = useStreams({ state: 'LIVE' })
        const one = useStream(target.id)
        seen.push(list.status, one.status)
        return { list, one }
      },
      { wrapper },
    )
    await waitFor(() => expect(result.current.list.isSuccess && result.current.one.isSuccess).toBe(true))
    expect(seen).not.toContain('error')
    expect(completed.sort()).toEqual([`?ids=${target.id}&limit=1`, '?state=LIVE'].sort())
    server.events.removeAllListeners('response:mocked')
  })
})

describe('cancellation and paging modes', () => {
  it('never shows a cancelled request as an error', async () => {
    const held = gate()
    server.use(http.get(`${BASE}/streams`, () => held.opened.then(() => undefined)))
    const { result, queryClient } = renderHotMicHook(() => useStreams({ limit: 2 }))
    await waitFor(() => expect(requests).toHaveLength(1))
    await act(() => queryClient.cancelQueries({ queryKey: hotmicKeys.streams.all() }))
    held.release()
    await waitFor(() => expect(result.current.fetchStatus).toBe('idle'))
    expect(result.current.isError).toBe(false)
    expect(result.current.error).toBeNull()
    expect(result.current.status).toBe('pending')
  })

  it('pages with skip when asked', async () => {
    const { result } = renderHotMicHook(() => useInfiniteStreams({ pagination: 'skip', limit: 100 }))
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1))
    await act(() => result.current.fetchNextPage())
    await waitFor(() => expect(result.current.data!.pages).toHaveLength(2))
    expect(requests.map((url) => url.searchParams.get('skip'))).toEqual([null, '100'])
    expect(result.current.data!.streams).toHaveLength(api.db.streams.all().length)
  })
})

describe('keys and ids', () => {
  it('treats numeric and string ids as the same stream', async () => {
    api.db.streams.put(makeStream({ id: '42', title: 'The answer' }))
    const { result } = renderHotMicHook(() => ({ numeric: useStream(42), text: useStream('42') }))
    await waitFor(() => expect(result.current.numeric.data?.title).toBe('The answer'))
    expect(result.current.text.data).toBe(result.current.numeric.data)
    expect(hotmicKeys.streams.detail(42)).toEqual(hotmicKeys.streams.detail('42'))
    expect(hotmicKeys.streams.list({ ids: [1, '2'] })).toEqual(hotmicKeys.streams.list({ ids: ['1', '2'] }))
    expect(requests).toHaveLength(1)
  })

  it('shares one ids=a_b_c request between useStream calls of one render', async () => {
    const [a, b, c] = api.db.streams.all()
    const { result } = renderHotMicHook(() => [useStream(a!.id), useStream(b!.id), useStream(c!.id)])
    await waitFor(() => expect(result.current.every((query) => query.isSuccess)).toBe(true))
    expect(result.current.map((query) => query.data!.id)).toEqual([a!.id, b!.id, c!.id])
    expect(requests.map((url) => url.searchParams.get('ids'))).toEqual([`${a!.id}_${b!.id}_${c!.id}`])
  })

  it('reports a missing stream as not-found', async () => {
    const { result } = renderHotMicHook(() => useStream('missing'))
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toMatchObject({ kind: 'not-found' })
  })
})

/** Next pages (requests with a cursor) wait for `held`; `loading` opens when one arrives. */
function holdNextPages() {
  const held = gate()
  const loading = gate()
  server.use(
    http.get(`${BASE}/streams`, async ({ request }) => {
      if (new URL(request.url).searchParams.has('cursor')) {
        loading.release()
        await held.opened
      }
    }),
  )
  return { held, loading }
}

describe('infinite list while data moves', () => {
  it('keeps each id once when the first page changes while a later page is loading', async () => {
    const { held, loading: loadingPage2 } = holdNextPages()
    const { result } = renderHotMicHook(() => useInfiniteStreams({ limit: 5, orderBy: 'title' }))
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(1))
    const firstIds = result.current.data!.streams.map((stream) => stream.id)
    let next!: Promise<unknown>
    act(() => void (next = result.current.fetchNextPage()))
    await loadingPage2.opened
    // A new stream sorts first: the first page would now push its last stream onto page two.
    api.db.streams.put(makeStream({ title: '!!! first now' }))
    held.release()
    await act(() => next)
    await waitFor(() => expect(result.current.data!.pages).toHaveLength(2))
    const ids = result.current.data!.streams.map((stream) => stream.id)
    expect(ids.slice(0, 5)).toEqual(firstIds)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(10)
  })

  it('keeps an edit made while a next page is in flight', async () => {
    const { held, loading } = holdNextPages()
    const { result } = renderHotMicHook(() => ({ list: useInfiniteStreams({ limit: 5, orderBy: 'title' }), update: useUpdateStream() }))
    await waitFor(() => expect(result.current.list.data?.pages).toHaveLength(1))
    const target = result.current.list.data!.streams[2]!
    act(() => void result.current.list.fetchNextPage())
    await loading.opened
    act(() => result.current.update.mutate({ id: target.id, patch: { title: target.title + ' (edited)' } }))
    const title = () => result.current.list.data!.streams.find((stream) => stream.id === target.id)?.title
    await waitFor(() => expect(title()).toBe(target.title + ' (edited)'))
    held.release()
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true))
    await waitFor(() => expect(result.current.list.isFetching).toBe(false))
    expect(result.current.list.isError).toBe(false)
    expect(title()).toBe(target.title + ' (edited)')
    expect(api.db.streams.get(target.id)!.title).toBe(target.title + ' (edited)')
  })

  it('applies a pending edit to a page that lands while the update is in flight', async () => {
    const put = gate()
    server.use(http.put(`${BASE}/streams/:id`, async () => void (await put.opened)))
    const { result } = renderHotMicHook(() => ({ list: useInfiniteStreams({ limit: 5, orderBy: 'title' }), update: useUpdateStream() }))
    await waitFor(() => expect(result.current.list.data?.pages).toHaveLength(1))
    const sorted = api.db.streams.all().sort((a, b) => (a.title! < b.title! ? -1 : 1))
    const target = sorted[7]!
    act(() => result.current.update.mutate({ id: target.id, patch: { title: 'Edited on page two' } }))
    await waitFor(() => expect(result.current.update.isPending).toBe(true))
    await act(() => result.current.list.fetchNextPage())
    await waitFor(() => expect(result.current.list.data!.pages).toHaveLength(2))
    expect(result.current.list.data!.pages[1]!.results.find((stream) => stream.id === target.id)!.title).toBe('Edited on page two')
    server.resetHandlers()
    put.release()
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true))
  })

  it('rolls back to "no data" for lists that were never cached, and never creates them', async () => {
    server.use(http.put(`${BASE}/streams/:id`, () => HttpResponse.json({ message: 'no' }, { status: 422 })))
    const target = api.db.streams.all()[0]!
    const { result, queryClient } = renderHotMicHook(() => useUpdateStream())
    act(() => result.current.mutate({ id: target.id, patch: { title: 'x' } }))
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(queryClient.getQueriesData({ queryKey: hotmicKeys.streams.all() }).filter(([, data]) => data !== undefined)).toEqual([])
    expect(result.current.error).toMatchObject({ kind: 'http', status: 422 })
  })

  it('moves an edited stream to its new place in a sorted list after settling', async () => {
    const { result } = renderHotMicHook(() => ({ list: useStreams({ orderBy: 'title', limit: 100 }), update: useUpdateStream() }))
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true))
    const last = result.current.list.data!.results.at(-1)!
    act(() => result.current.update.mutate({ id: last.id, patch: { title: '!!! now first' } }))
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true))
    await waitFor(() => expect(result.current.list.data!.results[0]!.id).toBe(last.id))
  })

  it('ends cleanly on an empty page and on a repeated next link', async () => {
    server.use(
      http.get(`${BASE}/streams`, ({ request }) => {
        const self = request.url
        return HttpResponse.json({ links: { next: self, self }, results: [api.db.streams.all()[0]] })
      }),
    )
    const { result } = renderHotMicHook(() => useInfiniteStreams({ limit: 1 }))
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.hasNextPage).toBe(false)
  })
})
