'use client'
import { useMutation, type UseMutationResult } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { User } from '../client/schemas.js'
import { mergeMutationOptions, type AppMutationOptions } from '../query/merge-mutation-options.js'
import type { CacheSnapshot } from '../query/stream-cache.js'
import { updateUserMutationOptions, type UpdateUserVariables } from '../query/user-options.js'
import { useHotMicClient } from './provider.js'

/** React Query's own mutation options for {@link useUpdateUser}, minus `mutationFn`. */
export type UseUpdateUserOptions = AppMutationOptions<User, HotMicError, UpdateUserVariables, CacheSnapshot>

/**
 * Updates a user optimistically, like {@link useUpdateStream}: every cached copy changes at once,
 * a failure restores them exactly, user queries are refetched when it settles.
 *
 * @example
 * const update = useUpdateUser()
 * update.mutate({ id: user.id, patch: { name } })
 */
export function useUpdateUser(options: UseUpdateUserOptions = {}): UseMutationResult<User, HotMicError, UpdateUserVariables, CacheSnapshot> {
  const client = useHotMicClient()
  return useMutation(mergeMutationOptions(updateUserMutationOptions(client), options))
}
