'use client'
import { useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { Id } from '../client/query-string.js'
import type { User } from '../client/schemas.js'
import type { hotmicKeys } from '../query/keys.js'
import { userQueryOptions } from '../query/user-options.js'
import { useHotMicClient } from './provider.js'

/** React Query's own options for {@link useUser}, minus `queryKey` and `queryFn`. */
export type UseUserOptions<TData = User> = Omit<UseQueryOptions<User, HotMicError, TData, ReturnType<typeof hotmicKeys.users.detail>>, 'queryKey' | 'queryFn'>

/**
 * One user by id. A missing user is a `HotMicError` of kind `not-found`.
 *
 * @example
 * const { data: host } = useUser(stream.user_id)
 */
export function useUser<TData = User>(id: Id, options?: UseUserOptions<TData>): UseQueryResult<TData, HotMicError> {
  const client = useHotMicClient()
  return useQuery({ ...userQueryOptions(client, id), ...options } as UseQueryOptions<User, HotMicError, TData, ReturnType<typeof hotmicKeys.users.detail>>)
}
