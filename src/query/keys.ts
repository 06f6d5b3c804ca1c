import type { Id, StreamListParams, UserListParams } from '../client/query-string.js'

/** Drops `undefined`/`null` so `{ state: undefined }` and `{}` make the same key. */
function clean<TParams extends object>(params: TParams | undefined): Partial<TParams> {
  const out: Partial<TParams> = {}
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value != null) (out as Record<string, unknown>)[name] = Array.isArray(value) ? value.map(String) : value
  }
  return out
}

/** The key of one page of streams: `hotmicKeys.streams.list`, importable alone so bundles that need only it stay small. */
export const streamListKey = (params?: StreamListParams) => ['hotmic', 'streams', 'list', 'page', clean(params)] as const

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
    all: () => ['hotmic', 'streams'] as const,
    /** Every paged and infinite stream list. */
    lists: () => ['hotmic', 'streams', 'list'] as const,
    list: streamListKey,
    infinite: (params?: StreamListParams) => ['hotmic', 'streams', 'list', 'infinite', clean(params)] as const,
    details: () => ['hotmic', 'streams', 'detail'] as const,
    detail: (id: Id) => ['hotmic', 'streams', 'detail', String(id)] as const,
  },
  users: {
    all: () => ['hotmic', 'users'] as const,
    lists: () => ['hotmic', 'users', 'list'] as const,
    list: (params?: UserListParams) => ['hotmic', 'users', 'list', clean(params)] as const,
    details: () => ['hotmic', 'users', 'detail'] as const,
    detail: (id: Id) => ['hotmic', 'users', 'detail', String(id)] as const,
  },
}
