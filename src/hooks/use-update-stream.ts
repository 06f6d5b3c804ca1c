'use client'
import { useMutation, type UseMutationResult } from '@tanstack/react-query'
import type { HotMicError } from '../client/errors.js'
import type { Stream } from '../client/schemas.js'
import { mergeMutationOptions, type AppMutationOptions } from '../query/merge-mutation-options.js'
import type { CacheSnapshot } from '../query/stream-cache.js'
import { updateStreamMutationOptions, type UpdateStreamVariables } from '../query/stream-options.js'
import { useHotMicClient } from './provider.js'

/** React Query's own mutation options for {@link useUpdateStream}, minus `mutationFn`. */
export type UseUpdateStreamOptions = AppMutationOptions<Stream, HotMicError, UpdateStreamVariables, CacheSnapshot>

/**
 * Updates a stream optimistically: in-flight stream queries are cancelled, every cached copy
 * changes at once, a failure undoes this update's fields only (other pending updates and pages
 * loaded meanwhile stay), and stream queries are refetched when it settles. Your `onMutate` and
 * `onError` run after the library's (if your `onMutate` throws, the update is undone), your
 * `onSettled` before its refetch.
 *
 * @example
 * const update = useUpdateStream()
 * update.mutate({ id: stream.id, patch: { title } })
 */
export function useUpdateStream(options: UseUpdateStreamOptions = {}): UseMutationResult<Stream, HotMicError, UpdateStreamVariables, CacheSnapshot> {
  const client = useHotMicClient()
  return useMutation(mergeMutationOptions(updateStreamMutationOptions(client), options))
}
