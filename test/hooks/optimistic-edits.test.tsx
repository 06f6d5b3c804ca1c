import { act, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import type { Stream, StreamPage } from '../../src/client/schemas.js'
import { useInfiniteStreams } from '../../src/hooks/use-infinite-streams.js'
import { useStream } from '../../src/hooks/use-stream.js'
import { useUpdateStream } from '../../src/hooks/use-update-stream.js'
import { useUpdateUser } from '../../src/hooks/use-update-user.js'
import { useUser } from '../../src/hooks/use-user.js'
import { hotmicKeys } from '../../src/query/keys.js'
import { patchCachedStream } from '../../src/query/stream-cache.js'
import { renderHotMicHook } from '../render-with-client.js'
import { BASE, setupEmbeddedApi } from './embedded-api.js'

const { api, server, requests } = setupEmbeddedApi()
afterEach(() => api.faults.clear())

function gate() {
  let release!: () => void
  const opened = new Promise<void>((resolve) => (release = resolve))
  return { opened, release }
}

const detail = (queryClient: { getQueryData: (key: readonly unknown[]) => unknown }, id: string) => queryClient.getQueryData(hotmicKeys.streams.detail(id)) as Stream

describe('optimistic edits: a failure undoes that edit, and only it', () => {
  it('an app onMutate that throws leaves nothing behind and sends nothing (streams and users)', async () => {
    const target = api.db.streams.all()[0]!
    const user = api.db.users.all()[0]!
    const { result, queryClient } = renderHotMicHook(() => ({
      stream: useStream(target.id),
      user: useUser(user.id),
      updateStream: useUpdateStream({ onMutate: () => { throw new Error('analytics down') } }),
      updateUser: useUpdateUser({ onMutate: () => Promise.reject(new Error('cancelled by the app')) }),
    }))
    await waitFor(() => expect(result.current.stream.isSuccess && result.current.user.isSuccess).toBe(true))
    act(() => result.current.updateStream.mutate({ id: target.id, patch: { title: 'never sent' } }))
    act(() => result.current.updateUser.mutate({ id: user.id, patch: { name: 'never sent' } }))
    await waitFor(() => expect(result.current.updateStream.isError && result.current.updateUser.isError).toBe(true))
    expect(requests.filter((url) => /^\/(streams|users)\/./.test(url.pathname))).toHaveLength(0)
    expect(result.current.stream.data!.title).toBe(target.title)
    expect(result.current.user.data!.name).toBe(user.name)
    // Nothing keeps patching copies that land later.
    await act(() => queryClient.refetchQueries({ queryKey: hotmicKeys.all() }))
    expect(result.current.stream.data!.title).toBe(target.title)
    expect(result.current.user.data!.name).toBe(user.name)
  })

  it('an app onSettled that throws after a success keeps what the server has, and still refetches', async () => {
    const target = api.db.streams.all()[1]!
    // Once: React Query then fails the mutation and calls onSettled again (a second throw there it reports unhandled, as it should).
    let crashed = false
    const { result, queryClient } = renderHotMicHook(() => ({
      stream: useStream(target.id),
      update: useUpdateStream({
        onSettled: () => {
          if (crashed) return
          crashed = true
          throw new Error('toast library crashed')
        },
      }),
    }))
    await waitFor(() => expect(result.current.stream.isSuccess).toBe(true))
    const before = requests.length
    act(() => result.current.update.mutate({ id: target.id, patch: { title: 'Mine' } }))
    await waitFor(() => expect(queryClient.isMutating()).toBe(0))
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(api.db.streams.get(target.id)!.title).toBe('Mine')
    expect(detail(queryClient, target.id).title).toBe('Mine')
    expect(requests.slice(before).some((url) => url.pathname === '/streams' && url.searchParams.get('ids') === target.id)).toBe(true)
  })

  it('two edits of one stream that both fail end on the original, whatever fails first (active entry, refetch failing too)', async () => {
    const target = api.db.streams.all()[2]!
    const { result, queryClient } = renderHotMicHook(() => ({ stream: useStream(target.id), a: useUpdateStream(), b: useUpdateStream() }))
    await waitFor(() => expect(result.current.stream.isSuccess).toBe(true))
    api.faults.set('PUT /streams/:id', { status: 422, latencyMs: 200 })
    act(() => result.current.a.mutate({ id: target.id, patch: { title: 'Edit A' } }))
    await waitFor(() => expect(result.current.stream.data!.title).toBe('Edit A'))
    act(() => result.current.b.mutate({ id: target.id, patch: { description: 'Edit B', title: 'Edit B' } }))
    await waitFor(() => expect(result.current.stream.data!.description).toBe('Edit B'))
    api.faults.set('GET /streams', { status: 503 })
    await waitFor(() => expect(result.current.a.isError && result.current.b.isError).toBe(true))
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    const cached = detail(queryClient, target.id)
    expect({ title: cached.title, description: cached.description }).toEqual({ title: target.title, description: target.description })
  })

  it('an edit that fails while another succeeds leaves the success (an inactive list too)', async () => {
    const { result, queryClient, client } = renderHotMicHook(() => ({ a: useUpdateStream(), b: useUpdateStream() }))
    const page = await queryClient.fetchQuery({ queryKey: hotmicKeys.streams.list({ limit: 5 }), queryFn: () => client.streams.list({ limit: 5 }) })
    const target = page.results[0]!
    const slow = gate()
    server.use(
      http.put(`${BASE}/streams/:id`, async ({ request }) => {
        const body = (await request.clone().json()) as { title?: string }
        if (body.title !== 'A') return undefined
        await slow.opened
        return HttpResponse.json({ message: 'no' }, { status: 422 })
      }),
    )
    act(() => result.current.a.mutate({ id: target.id, patch: { title: 'A' } }))
    act(() => result.current.b.mutate({ id: target.id, patch: { title: 'B', description: 'also B' } }))
    await waitFor(() => expect(result.current.b.isSuccess).toBe(true))
    api.faults.set('GET /streams', { status: 503 })
    slow.release()
    await waitFor(() => expect(result.current.a.isError).toBe(true))
    const cached = queryClient.getQueryData<StreamPage>(hotmicKeys.streams.list({ limit: 5 }))!.results[0]!
    expect({ title: cached.title, description: cached.description }).toEqual({ title: 'B', description: 'also B' })
    expect(api.db.streams.get(target.id)!.title).toBe('B')
  })

  it('a failed edit keeps the pages loaded while it ran', async () => {
    const { result } = renderHotMicHook(() => ({ list: useInfiniteStreams({ limit: 5, orderBy: 'title' }), update: useUpdateStream() }))
    await waitFor(() => expect(result.current.list.data?.pages).toHaveLength(1))
    const target = result.current.list.data!.streams[0]!
    api.faults.set('PUT /streams/:id', { status: 422, latencyMs: 300 })
    act(() => result.current.update.mutate({ id: target.id, patch: { title: `${target.title} (edited)` } }))
    await waitFor(() => expect(result.current.list.data!.streams[0]!.title).toBe(`${target.title} (edited)`))
    act(() => void result.current.list.fetchNextPage())
    await waitFor(() => expect(result.current.list.data!.pages).toHaveLength(2))
    expect(result.current.update.isPending).toBe(true)
    await waitFor(() => expect(result.current.update.isError).toBe(true))
    await waitFor(() => expect(result.current.list.isFetching).toBe(false))
    expect(result.current.list.data!.pages).toHaveLength(2)
    expect(result.current.list.data!.streams.find((stream) => stream.id === target.id)!.title).toBe(target.title)
  })

  it('a server value that arrives during the edit (a live sync) is what a failure returns to', async () => {
    const target = api.db.streams.all()[3]!
    const { result, queryClient } = renderHotMicHook(() => ({ stream: useStream(target.id), update: useUpdateStream() }))
    await waitFor(() => expect(result.current.stream.isSuccess).toBe(true))
    const put = gate()
    server.use(http.put(`${BASE}/streams/:id`, async () => {
      await put.opened
      return HttpResponse.json({ message: 'no' }, { status: 422 })
    }))
    act(() => result.current.update.mutate({ id: target.id, patch: { title: 'Mine' } }))
    await waitFor(() => expect(result.current.stream.data!.title).toBe('Mine'))
    // Another host renamed it meanwhile; the sync applies it, and the pending edit stays on top.
    act(() => void patchCachedStream(queryClient, target.id, (stream) => ({ ...stream, title: 'Renamed by the host', description: 'new' })))
    await waitFor(() => expect(result.current.stream.data).toMatchObject({ title: 'Mine', description: 'new' }))
    api.faults.set('GET /streams', { status: 503 })
    put.release()
    await waitFor(() => expect(result.current.update.isError).toBe(true))
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(detail(queryClient, target.id)).toMatchObject({ title: 'Renamed by the host', description: 'new' })
  })

  it('an array or object in the patch equal to the cached one (structural sharing keeps the old) settles, and rolls back', async () => {
    const target = api.db.streams.all().find((stream) => (stream.tags?.length ?? 0) > 0)!
    const { result, queryClient } = renderHotMicHook(() => ({ stream: useStream(target.id), update: useUpdateStream() }))
    await waitFor(() => expect(result.current.stream.isSuccess).toBe(true))
    const tags = structuredClone(result.current.stream.data!.tags!)
    act(() => result.current.update.mutate({ id: target.id, patch: { tags, title: 'Same tags' } }))
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true))
    expect(result.current.stream.data!.tags).toEqual(tags)
    api.faults.set('PUT /streams/:id', { status: 422 })
    api.faults.set('GET /streams', { status: 503, latencyMs: 10 })
    act(() => result.current.update.mutate({ id: target.id, patch: { tags: structuredClone(tags), title: 'Will fail' } }))
    await waitFor(() => expect(result.current.update.isError).toBe(true))
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(detail(queryClient, target.id)).toMatchObject({ title: 'Same tags', tags })
  })

  it('a field the item did not have is removed again', async () => {
    const target = { ...api.db.streams.all()[4]! }
    delete target.description
    api.db.streams.put(target)
    const { result, queryClient } = renderHotMicHook(() => ({ stream: useStream(target.id), update: useUpdateStream() }))
    await waitFor(() => expect(result.current.stream.isSuccess).toBe(true))
    api.faults.set('PUT /streams/:id', { status: 422 })
    api.faults.set('GET /streams', { status: 503, latencyMs: 10 })
    act(() => result.current.update.mutate({ id: target.id, patch: { description: 'added' } }))
    await waitFor(() => expect(result.current.update.isError).toBe(true))
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(Object.hasOwn(detail(queryClient, target.id), 'description')).toBe(false)
  })
})
