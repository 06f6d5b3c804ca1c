import { mutationOptions, queryOptions } from '@tanstack/react-query'
import type { HotMicClient } from '../client/create-client.js'
import type { HotMicError } from '../client/errors.js'
import type { Id, UserListParams } from '../client/query-string.js'
import type { User, UserPage } from '../client/schemas.js'
import type { CreateUserInput, UserPatch } from '../client/users.js'
import { hotmicKeys } from './keys.js'
import { optimisticUpdateMutationOptions } from './optimistic-update.js'

/**
 * Query options for one page of `GET /users`. Retries are the client's, so React Query's are off.
 *
 * @example
 * await queryClient.prefetchQuery(usersQueryOptions(client, { limit: 50 }))
 */
export function usersQueryOptions(client: HotMicClient, params: UserListParams = {}) {
  return queryOptions<UserPage, HotMicError, UserPage, ReturnType<typeof hotmicKeys.users.list>>({
    queryKey: hotmicKeys.users.list(params),
    queryFn: ({ signal }) => client.users.list(params, { signal }),
    retry: false,
  })
}

/**
 * Query options for one user by id; a missing user is a `not-found` HotMicError.
 *
 * @example
 * const host = await queryClient.fetchQuery(userQueryOptions(client, stream.user_id))
 */
export function userQueryOptions(client: HotMicClient, id: Id) {
  return queryOptions<User, HotMicError, User, ReturnType<typeof hotmicKeys.users.detail>>({
    queryKey: hotmicKeys.users.detail(id),
    queryFn: ({ signal }) => client.users.get(id, { signal }),
    retry: false,
  })
}

/**
 * Mutation options for `POST /users`. The new user is appended to every cached user list that has
 * no `ids` filter (and room under its `limit`), seeded as its own detail entry, then user lists are
 * invalidated. Never retried: creating is not idempotent.
 *
 * @example
 * const create = useMutation(createUserMutationOptions(client))
 * create.mutate({ name: 'Ada' })
 */
export function createUserMutationOptions(client: HotMicClient) {
  return mutationOptions<User, HotMicError, CreateUserInput>({
    mutationKey: [...hotmicKeys.users.all(), 'create'],
    mutationFn: (input) => client.users.create(input),
    retry: false,
    onSuccess: (user, _input, _result, { client: queryClient }) => {
      queryClient.setQueryData(hotmicKeys.users.detail(user.id), user)
      for (const [key, page] of queryClient.getQueriesData<UserPage>({ queryKey: hotmicKeys.users.lists() })) {
        const params = key[3] as UserListParams | undefined
        if (!page || params?.ids || page.results.some((existing) => existing.id === user.id)) continue
        if (params?.limit != null && page.results.length >= params.limit) continue
        queryClient.setQueryData<UserPage>(key, { ...page, results: [...page.results, user], count: page.results.length + 1 })
      }
    },
    onSettled: (_data, _error, _input, _result, { client: queryClient }) =>
      queryClient.invalidateQueries({ queryKey: hotmicKeys.users.lists() }),
  })
}

/** What `useUpdateUser().mutate` takes. */
export interface UpdateUserVariables {
  id: Id
  patch: UserPatch
}

/**
 * Mutation options for `PUT /users/{id}`, optimistic like streams: every cached copy changes at
 * once, a failure undoes this update's fields only, and user queries are invalidated on settle.
 *
 * @example
 * const update = useMutation(updateUserMutationOptions(client))
 * update.mutate({ id, patch: { name: 'Ada L.' } })
 */
export function updateUserMutationOptions(client: HotMicClient) {
  return optimisticUpdateMutationOptions<User, UserPatch>(hotmicKeys.users.all(), (id, patch) => client.users.update(id, patch))
}
