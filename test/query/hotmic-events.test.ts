import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { applyHotMicEvent, type HotMicEvent } from '../../src/query/hotmic-events.js'
import { hotmicKeys } from '../../src/query/keys.js'

function seeded() {
  const queryClient = new QueryClient()
  const keys = {
    live: hotmicKeys.streams.list({ state: 'LIVE' }),
    infinite: hotmicKeys.streams.infinite({ pagination: 'cursor' }),
    stream: hotmicKeys.streams.detail('s1'),
    other: hotmicKeys.streams.detail('s2'),
    users: hotmicKeys.users.list(),
    user: hotmicKeys.users.detail('u1'),
  }
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { seeded: true })
  const invalidated = () =>
    Object.entries(keys)
      .filter(([, key]) => queryClient.getQueryState(key)!.isInvalidated)
      .map(([name]) => name)
  return { queryClient, invalidated }
}

describe('applyHotMicEvent', () => {
  it.each<[HotMicEvent, string[]]>([
    [{ type: 'stream.created', data: { id: 's9' } }, ['live', 'infinite']],
    [{ type: 'stream.live_countdown', data: { stream_id: 's1' } }, ['live', 'infinite', 'stream']],
    [{ type: 'stream.ended', data: { stream: { id: 's1' } } }, ['live', 'infinite', 'stream']],
    [{ type: 'stream.ended', data: { id: 's1' } }, ['live', 'infinite', 'stream']],
    [{ type: 'user.blocked', data: { user_id: 'u1' } }, ['users', 'user']],
  ])('%o invalidates %o', async (event, expected) => {
    const { queryClient, invalidated } = seeded()
    await expect(applyHotMicEvent(queryClient, event)).resolves.toBe(true)
    expect(invalidated()).toEqual(expected)
  })

  it('leaves the cache alone for an unknown event type', async () => {
    const { queryClient, invalidated } = seeded()
    await expect(applyHotMicEvent(queryClient, { type: 'clip.created', data: {} })).resolves.toBe(false)
    expect(invalidated()).toEqual([])
  })

  it('refuses something that is not an event', async () => {
    const { queryClient } = seeded()
    await expect(applyHotMicEvent(queryClient, null as unknown as HotMicEvent)).rejects.toMatchObject({ kind: 'invalid-request' })
    await expect(applyHotMicEvent(queryClient, { data: {} } as unknown as HotMicEvent)).rejects.toMatchObject({ kind: 'invalid-request' })
  })
})
