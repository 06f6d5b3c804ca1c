import type { Id, StreamListParams, UserListParams } from '../client/query-string.js'

/** Drops `undefined`/`null` so `{ state: undefined }` and `{}` make the same key. */
function clean<TParams extends object>(params: TParams | undefined): Partial<TParams> {
  const out: Partial<TParams> = {}
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value != null) (out as Record<string, unknown>)[name] = Array.isArray(value) ? value.map(String) : value
  }
  return out
}

/** The keys every collection has: everything, every list, every detail, one detail. */
function levels<const TName extends 'streams' | 'users'>(name: TName) {
  return {
    all: () => ['hotmic', name] as const,
    /** Every list of the collection (for streams: paged and infinite). */
    lists: () => ['hotmic', name, 'list'] as const,
    details: () => ['hotmic', name, 'detail'] as const,
    detail: (id: Id) => ['hotmic', name, 'detail', String(id)] as const,
  }
}

/**
 * Every query key the library uses. Invalidate with the broader levels:
 * `hotmicKeys.streams.all()` covers every stream list, infinite list and detail.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: hotmicKeys.streams.lists() })
 */
export const hotmicKeys = {
  /** Everything HotMic. */
  all: () => ['hotmic'] as const,
  streams: {
    ...levels('streams'),
    list: (params?: StreamListParams) => ['hotmic', 'streams', 'list', 'page', clean(params)] as const,
    infinite: (params?: StreamListParams) => ['hotmic', 'streams', 'list', 'infinite', clean(params)] as const,
  },
  users: {
    ...levels('users'),
    list: (params?: UserListParams) => ['hotmic', 'users', 'list', clean(params)] as const,
  },
}
