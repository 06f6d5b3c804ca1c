'use client'
import { useMutation, type UseMutationOptions, type UseMutationResult } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { Stream } from '../client/schemas.js'
import type { CacheSnapshot } from '../query/stream-cache.js'
import { updateStreamMutationOptions, type UpdateStreamVariables } from '../query/stream-options.js'
import { useHotMicClient } from './provider.js'

/** React Query's own mutation options for {@link useUpdateStream}, minus `mutationFn`. */
export type UseUpdateStreamOptions = Omit<UseMutationOptions<Stream, HotMicError, UpdateStreamVariables, CacheSnapshot>, 'mutationFn'>

/**
 * Updates a stream optimistically: every cached copy changes at once, a failure rolls them back,
 * and stream queries are refetched when it settles. Callbacks you pass run after the library's.
 *
 * @example
 * const update = useUpdateStream()
 * update.mutate({ id: stream.id, patch: { title } })
 */
export function useUpdateStream(options: UseUpdateStreamOptions = {}): UseMutationResult<Stream, HotMicError, UpdateStreamVariables, CacheSnapshot> {
  const client = useHotMicClient()
  const base = updateStreamMutationOptions(client)
  return useMutation({
    ...base,
    ...options,
    onMutate: async (variables, context) => {
      const snapshot = await base.onMutate!(variables, context)
      await options.onMutate?.(variables, context)
      return snapshot
    },
    onError: async (...args) => {
      await base.onError?.(...args)
      await options.onError?.(...args)
    },
    onSettled: async (...args) => {
      await options.onSettled?.(...args)
      await base.onSettled?.(...args)
    },
  })
}
