// hotmic-react: explicit named exports, layer by layer (client → query → hooks → components).

// Client
export { createHotMicClient } from './client/create-client.js'
export { HotMicError, isHotMicError } from './client/errors.js'
export { DEFAULT_BASE_URL, isRetryableError, parseRetryAfter } from './client/request.js'
export { normalizeIds, streamQueryPairs, toQueryString } from './client/query-string.js'
export { followNextPage, nextStreamParams, STALLED_PAGES } from './client/pagination.js'
export { toCursorTimestamp } from './client/streams.js'
export { parseStream, parseStreamPage, parseUser, parseUserPage, tagLabel } from './client/schemas.js'

// Query keys and options
export { hotmicKeys } from './query/keys.js'
export {
  flattenStreamPages,
  infiniteStreamsQueryOptions,
  streamQueryOptions,
  streamsQueryOptions,
  updateStreamMutationOptions,
} from './query/stream-options.js'
export { findCachedItems, patchCachedItem, patchCachedStream, patchCachedUser, restoreSnapshot } from './query/stream-cache.js'
export { getStreamBatched, MAX_BATCH_IDS } from './query/stream-batcher.js'
export {
  createUserMutationOptions,
  updateUserMutationOptions,
  userQueryOptions,
  usersQueryOptions,
} from './query/user-options.js'
export { applyStreamChanges, createStreamSync, newestCachedUpdate } from './query/stream-sync.js'
export { applyHotMicEvent } from './query/hotmic-events.js'
export { mergeMutationOptions } from './query/merge-mutation-options.js'

// Hooks
export { HotMicProvider, useHotMicClient } from './hooks/provider.js'
export { useStreams } from './hooks/use-streams.js'
export { useStream } from './hooks/use-stream.js'
export { useInfiniteStreams } from './hooks/use-infinite-streams.js'
export { useUpdateStream } from './hooks/use-update-stream.js'
export { useUsers } from './hooks/use-users.js'
export { useUser } from './hooks/use-user.js'
export { useCreateUser } from './hooks/use-create-user.js'
export { useUpdateUser } from './hooks/use-update-user.js'
export { useStreamUpdates } from './hooks/use-stream-updates.js'

// Components
export { INTENT_DELAY_MS, StreamCard, stateLabel } from './components/stream-card/stream-card.js'
export { StreamList, VIRTUALIZE_OVER } from './components/stream-list/stream-list.js'
export { preloadVirtualizer } from './components/stream-list/preload-virtualizer.js'
export { INTENT_STALE_MS, useStreamIntent } from './components/stream-list/use-stream-intent.js'
export { DEFAULT_SORT_OPTIONS, DEFAULT_STATE_OPTIONS, StreamFilters } from './components/stream-filters/stream-filters.js'
export { HlsPlayer } from './components/hls-player/hls-player.js'
export { StreamPlayer } from './components/stream-player/stream-player.js'
export { chooseEngine, createHlsEngine, DEFAULT_HLS_CONFIG, liveHlsInstances, preloadHls } from './components/hls-player/hls-engine.js'
export { safeUrl } from './components/safe-url.js'
export { formatCompactNumber, formatDateTime, formatDuration, formatFollowers, formatRelativeTime } from './components/format.js'

export type { HotMicClient } from './client/create-client.js'
export type { HotMicErrorKind, HotMicErrorOptions } from './client/errors.js'
export type { HotMicClientOptions, RequestOptions, RetryOptions } from './client/request.js'
export type { Id, StreamListParams, UserListParams } from './client/query-string.js'
export type { StreamPatch, StreamsApi, UpdatedSinceParams } from './client/streams.js'
export type { CreateUserInput, UserPatch, UsersApi } from './client/users.js'
export type {
  KnownStreamState,
  ListPage,
  PageLinks,
  Stream,
  StreamPage,
  StreamState,
  StreamUser,
  Tag,
  User,
  UserPage,
} from './client/schemas.js'
export type { InfiniteStreamsData, UpdateStreamVariables } from './query/stream-options.js'
export type { CacheSnapshot } from './query/stream-cache.js'
export type { AppMutationOptions } from './query/merge-mutation-options.js'
export type { UpdateUserVariables } from './query/user-options.js'
export type { StreamSync, StreamSyncOptions, StreamSyncState } from './query/stream-sync.js'
export type { HotMicEvent, HotMicEventType } from './query/hotmic-events.js'
export type { HotMicProviderProps } from './hooks/provider.js'
export type { UseStreamsOptions } from './hooks/use-streams.js'
export type { UseStreamOptions } from './hooks/use-stream.js'
export type { UseInfiniteStreamsOptions } from './hooks/use-infinite-streams.js'
export type { UseUpdateStreamOptions } from './hooks/use-update-stream.js'
export type { UseUsersOptions } from './hooks/use-users.js'
export type { UseUserOptions } from './hooks/use-user.js'
export type { UseCreateUserOptions } from './hooks/use-create-user.js'
export type { UseUpdateUserOptions } from './hooks/use-update-user.js'
export type { UseStreamUpdatesOptions, UseStreamUpdatesResult } from './hooks/use-stream-updates.js'
export type { StreamCardProps } from './components/stream-card/stream-card.js'
export type { StreamListProps, StreamListQueryProps, StreamListViewProps } from './components/stream-list/stream-list.js'
export type { StreamFiltersProps, StreamSortOption, StreamStateOption } from './components/stream-filters/stream-filters.js'
export type { HlsPlayerAutoPlay, HlsPlayerCaptions, HlsPlayerProps, HlsPlayerState } from './components/hls-player/hls-player.js'
export type { StreamPlayerPlayerProps, StreamPlayerProps, StreamPlayerState } from './components/stream-player/stream-player.js'
export type {
  HlsClass,
  HlsEngine,
  HlsEngineEnv,
  HlsEngineMode,
  HlsEngineOptions,
  HlsLoader,
  HlsPlayerError,
  HlsPlayerErrorKind,
  HlsSource,
} from './components/hls-player/hls-engine.js'
