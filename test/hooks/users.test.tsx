import { act, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { useCreateUser } from '../../src/hooks/use-create-user.js'
import { useUpdateUser } from '../../src/hooks/use-update-user.js'
import { useUser } from '../../src/hooks/use-user.js'
import { useUsers } from '../../src/hooks/use-users.js'
import { hotmicKeys } from '../../src/query/keys.js'
import { renderHotMicHook } from '../render-with-client.js'
import { BASE, setupEmbeddedApi } from './embedded-api.js'

const { api, server, requests } = setupEmbeddedApi()

describe('useUsers and useUser', () => {
  it('lists users and reads one by id', async () => {
    const target = api.db.users.all()[2]!
    const { result } = renderHotMicHook(() => ({ list: useUsers({ limit: 3 }), one: useUser(target.id) }))
    await waitFor(() => expect(result.current.list.isSuccess && result.current.one.isSuccess).toBe(true))
    expect(result.current.list.data!.results.map((user) => user.id)).toEqual(api.db.users.all().slice(0, 3).map((user) => user.id))
    expect(result.current.one.data).toEqual(target)
  })

  it('reports a missing user as not-found', async () => {
    const { result } = renderHotMicHook(() => useUser('nobody'))
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toMatchObject({ kind: 'not-found' })
  })
})

describe('useCreateUser', () => {
  it('adds the new user to cached lists and its own detail entry', async () => {
    const { result, queryClient } = renderHotMicHook(() => ({ list: useUsers(), create: useCreateUser() }))
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true))
    const before = result.current.list.data!.results.length
    act(() => result.current.create.mutate({ name: 'Ada Lovelace', email: 'ada@example.com' }))
    await waitFor(() => expect(result.current.create.isSuccess).toBe(true))
    const created = result.current.create.data!
    expect(result.current.list.data!.results).toHaveLength(before + 1)
    expect(result.current.list.data!.results.at(-1)).toMatchObject({ id: created.id, name: 'Ada Lovelace' })
    expect(queryClient.getQueryData(hotmicKeys.users.detail(created.id))).toEqual(created)
    expect(api.db.users.get(created.id)).toMatchObject({ name: 'Ada Lovelace' })
  })

  it('refuses an empty name without a request and never retries', async () => {
    const { result } = renderHotMicHook(() => useCreateUser())
    act(() => result.current.mutate({ name: ' ' }))
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toMatchObject({ kind: 'invalid-request' })
    expect(requests).toHaveLength(0)
  })
})

describe('useUpdateUser', () => {
  it('changes every cached copy at once and rolls back exactly on failure', async () => {
    const target = api.db.users.all()[0]!
    let fail = false
    server.use(http.put(`${BASE}/users/:id`, () => (fail ? HttpResponse.json({ message: 'bad email' }, { status: 400 }) : undefined)))
    const { result, queryClient } = renderHotMicHook(() => ({ list: useUsers(), one: useUser(target.id), update: useUpdateUser() }))
    await waitFor(() => expect(result.current.list.isSuccess && result.current.one.isSuccess).toBe(true))

    act(() => result.current.update.mutate({ id: target.id, patch: { name: 'Renamed' } }))
    await waitFor(() => expect(result.current.one.data!.name).toBe('Renamed'))
    expect(result.current.list.data!.results[0]!.name).toBe('Renamed')
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true))
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(api.db.users.get(target.id)!.name).toBe('Renamed')

    fail = true
    const before = { list: result.current.list.data, one: result.current.one.data }
    act(() => result.current.update.mutate({ id: target.id, patch: { name: 'Never saved' } }))
    await waitFor(() => expect(result.current.update.isError).toBe(true))
    expect(result.current.list.data).toEqual(before.list)
    expect(result.current.one.data).toEqual(before.one)
  })
})
