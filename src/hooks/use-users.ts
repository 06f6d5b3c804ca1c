'use client'
import { useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { UserListParams } from '../client/query-string.js'
import type { UserPage } from '../client/schemas.js'
import type { hotmicKeys } from '../query/keys.js'
import { usersQueryOptions } from '../query/user-options.js'
import { useHotMicClient } from './provider.js'

/** React Query's own options for {@link useUsers}, minus `queryKey` and `queryFn`. */
export type UseUsersOptions<TData = UserPage> = Omit<UseQueryOptions<UserPage, HotMicError, TData, ReturnType<typeof hotmicKeys.users.list>>, 'queryKey' | 'queryFn'>

/**
 * One page of users.
 *
 * @example
 * const { data } = useUsers({ limit: 50 })
 * data?.results.map((user) => <li key={user.id}>{user.display_name ?? user.name}</li>)
 */
export function useUsers<TData = UserPage>(params?: UserListParams, options?: UseUsersOptions<TData>): UseQueryResult<TData, HotMicError> {
  const client = useHotMicClient()
  return useQuery({ ...usersQueryOptions(client, params), ...options } as UseQueryOptions<UserPage, HotMicError, TData, ReturnType<typeof hotmicKeys.users.list>>)
}
