import type { QueryClient, InfiniteData, UseInfiniteQueryResult, UseMutationResult, UseQueryResult } from '@tanstack/react-query'
import { describe, expectTypeOf, it } from 'vitest'
import type { HotMicClient } from '../../src/client/create-client.js'
import type { HotMicError } from '../../src/client/errors.js'
import type { Stream, StreamPage, User, UserPage } from '../../src/client/schemas.js'
import { useCreateUser } from '../../src/hooks/use-create-user.js'
import { useInfiniteStreams } from '../../src/hooks/use-infinite-streams.js'
import { useStreamUpdates } from '../../src/hooks/use-stream-updates.js'
import { useStream } from '../../src/hooks/use-stream.js'
import { useStreams } from '../../src/hooks/use-streams.js'
import { useUpdateStream } from '../../src/hooks/use-update-stream.js'
import { useUpdateUser } from '../../src/hooks/use-update-user.js'
import { useUser } from '../../src/hooks/use-user.js'
import { useUsers } from '../../src/hooks/use-users.js'
import type { CacheSnapshot } from '../../src/query/stream-cache.js'
import type { InfiniteStreamsData, UpdateStreamVariables } from '../../src/query/stream-options.js'
import { streamQueryOptions } from '../../src/query/stream-options.js'
import type { UpdateUserVariables } from '../../src/query/user-options.js'

// Types of real calls (inference and generic defaults included), never run; exported only so lint sees a use.
export function useEveryHook() {
  return {
    streams: useStreams({ state: 'LIVE' }),
    stream: useStream(42),
    titled: useStream('id', { select: (stream) => stream.title ?? '' }),
    users: useUsers(),
    user: useUser('id'),
    infinite: useInfiniteStreams({ limit: 10 }),
    updateStream: useUpdateStream(),
    // An app's onMutate returns nothing (or anything): the library's snapshot stays the context.
    loggedUpdate: useUpdateStream({ onMutate: (variables) => void console.info(variables.id) }),
    loggedUserUpdate: useUpdateUser({ onMutate: async () => 'ignored' }),
    updateUser: useUpdateUser(),
    createUser: useCreateUser(),
    updates: useStreamUpdates({ intervalMs: 5000 }),
  }
}
type Hooks = ReturnType<typeof useEveryHook>

// Checked by `tsc --noEmit`; the runtime assertions are no-ops.
describe('hook types', () => {
  it('returns React Query results with the data and HotMicError types', () => {
    expectTypeOf<Hooks['streams']>().toEqualTypeOf<UseQueryResult<StreamPage, HotMicError>>()
    expectTypeOf<Hooks['stream']>().toEqualTypeOf<UseQueryResult<Stream, HotMicError>>()
    expectTypeOf<Hooks['users']>().toEqualTypeOf<UseQueryResult<UserPage, HotMicError>>()
    expectTypeOf<Hooks['user']>().toEqualTypeOf<UseQueryResult<User, HotMicError>>()
    expectTypeOf<Hooks['infinite']>().toEqualTypeOf<UseInfiniteQueryResult<InfiniteStreamsData, HotMicError>>()
    expectTypeOf<InfiniteStreamsData['streams']>().toEqualTypeOf<Stream[]>()
    expectTypeOf<InfiniteStreamsData>().toExtend<InfiniteData<StreamPage>>()
  })

  it('types mutations with their variables, error and rollback context', () => {
    expectTypeOf<Hooks['updateStream']>().toEqualTypeOf<UseMutationResult<Stream, HotMicError, UpdateStreamVariables, CacheSnapshot>>()
    expectTypeOf<Hooks['updateUser']>().toEqualTypeOf<UseMutationResult<User, HotMicError, UpdateUserVariables, CacheSnapshot>>()
    expectTypeOf<Hooks['createUser']['mutate']>().parameter(0).toHaveProperty('name').toEqualTypeOf<string>()
    expectTypeOf<UpdateStreamVariables['id']>().toEqualTypeOf<string | number>()
  })

  it('follows select into the data type', () => {
    expectTypeOf<Hooks['titled']>().toEqualTypeOf<UseQueryResult<string, HotMicError>>()
    expectTypeOf<Hooks['titled']['error']>().toEqualTypeOf<HotMicError | null>()
  })

  it('does not take a query key or function', () => {
    expectTypeOf<NonNullable<Parameters<typeof useStreams>[1]>>().not.toHaveProperty('queryKey')
    expectTypeOf<NonNullable<Parameters<typeof useStreams>[1]>>().not.toHaveProperty('queryFn')
  })

  it('tags the options key with its data type for getQueryData', () => {
    const read = (queryClient: QueryClient) => queryClient.getQueryData(streamQueryOptions({} as HotMicClient, 'id').queryKey)
    expectTypeOf(read).returns.toEqualTypeOf<Stream | undefined>()
    expectTypeOf<Hooks['updates']['lastSyncAt']>().toEqualTypeOf<number | null>()
  })
})
