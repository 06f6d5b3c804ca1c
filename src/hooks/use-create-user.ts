'use client'
import { useMutation, type UseMutationOptions, type UseMutationResult } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { User } from '../client/schemas.js'
import type { CreateUserInput } from '../client/users.js'
import { mergeMutationOptions } from '../query/merge-mutation-options.js'
import { createUserMutationOptions } from '../query/user-options.js'
import { useHotMicClient } from './provider.js'

/** React Query's own mutation options for {@link useCreateUser}, minus `mutationFn`. */
export type UseCreateUserOptions = Omit<UseMutationOptions<User, HotMicError, CreateUserInput>, 'mutationFn'>

/**
 * Creates a user. The new user shows in cached user lists as soon as the API answers, then the
 * lists are refetched. Never retried (creating twice would make two users).
 *
 * @example
 * const create = useCreateUser()
 * create.mutate({ name: 'Ada', email: 'ada@example.com' })
 */
export function useCreateUser(options: UseCreateUserOptions = {}): UseMutationResult<User, HotMicError, CreateUserInput> {
  const client = useHotMicClient()
  return useMutation(mergeMutationOptions(createUserMutationOptions(client), options))
}
