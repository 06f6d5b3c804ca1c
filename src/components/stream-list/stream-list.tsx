'use client'
import { forwardRef, useEffect, useRef, type HTMLAttributes, type ReactNode } from 'react'
import type { StreamListParams } from '../../client/query-string.js'
import type { Stream } from '../../client/schemas.js'
import { useInfiniteStreams } from '../../hooks/use-infinite-streams.js'
import { StreamCard, type StreamCardProps } from '../stream-card/stream-card.js'

/** Props shared by both modes of {@link StreamList}. Rest props go onto the root `<section>`. */
interface StreamListBaseProps extends Omit<HTMLAttributes<HTMLElement>, 'onSelect' | 'children'> {
  /** `grid` (default): responsive tiles; `list`: compact rows. */
  layout?: 'grid' | 'list' | undefined
  /** Makes each card a button. */
  onSelect?: ((stream: Stream) => void) | undefined
  /** Makes each card a link. */
  getHref?: ((stream: Stream) => string) | undefined
  /** Id of the card shown as selected. */
  selectedId?: string | undefined
  /** Shown when there are no streams. Default "No streams to show." */
  empty?: ReactNode
  /** Accessible name of the list. Default "Streams". */
  label?: string | undefined
  /** Skeleton cards while the first page loads. Default 8. */
  skeletonCount?: number | undefined
  /** Extra props for every card. */
  cardProps?: Partial<Omit<StreamCardProps, 'stream'>> | undefined
}

/** Props of the presentational mode: you pass the data. */
export interface StreamListViewProps extends StreamListBaseProps {
  streams: readonly Stream[] | undefined
  /** Default `'success'`. */
  status?: 'pending' | 'error' | 'success' | undefined
  error?: unknown
  /** Shows "Load more" and arms the scroll sentinel. */
  hasMore?: boolean | undefined
  /** True while the next page loads: "Load more" waits, and the sentinel does not fire again. */
  isLoadingMore?: boolean | undefined
  onLoadMore?: (() => void) | undefined
  onRetry?: (() => void) | undefined
  params?: never
}

/** Props of the drop-in mode: the list fetches by itself through {@link useInfiniteStreams}. */
export interface StreamListQueryProps extends StreamListBaseProps {
  params: StreamListParams
  streams?: never
}

/** Props of {@link StreamList}: pass `streams` (presentational) or `params` (drop-in). */
export type StreamListProps = StreamListViewProps | StreamListQueryProps

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong while loading streams.'
}

/** Calls `onVisible` when the sentinel scrolls into view. One observer for the list's lifetime. */
function useSentinel(enabled: boolean, onVisible: () => void) {
  const sentinel = useRef<HTMLDivElement>(null)
  const latest = useRef({ enabled, onVisible })
  useEffect(() => {
    latest.current = { enabled, onVisible }
  })
  useEffect(() => {
    const node = sentinel.current
    if (!node || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && latest.current.enabled) latest.current.onVisible()
      },
      { rootMargin: '400px 0px' },
    )
    observer.observe(node)
    return () => observer.disconnect()
  }, [])
  return sentinel
}

const StreamListView = forwardRef<HTMLElement, StreamListViewProps>(function StreamListView(
  {
    streams,
    status = 'success',
    error,
    hasMore = false,
    isLoadingMore = false,
    onLoadMore,
    onRetry,
    layout = 'grid',
    onSelect,
    getHref,
    selectedId,
    empty,
    label = 'Streams',
    skeletonCount = 8,
    cardProps,
    className,
    ...rest
  },
  ref,
) {
  const canLoadMore = hasMore && !isLoadingMore && Boolean(onLoadMore)
  const sentinel = useSentinel(canLoadMore, () => onLoadMore?.())
  const items = streams ?? []
  const showSkeletons = status === 'pending' && items.length === 0

  return (
    <section
      ref={ref}
      aria-label={label}
      aria-busy={status === 'pending' || isLoadingMore || undefined}
      className={['hm-list', className].filter(Boolean).join(' ')}
      data-layout={layout}
      data-status={status}
      {...rest}
    >
      {status === 'error' && items.length === 0 ? (
        <div className="hm-list__message" role="alert" data-kind="error">
          <p>Streams could not be loaded. {errorText(error)}</p>
          {onRetry ? (
            <button type="button" className="hm-button" onClick={onRetry}>
              Try again
            </button>
          ) : null}
        </div>
      ) : null}
      {status === 'success' && items.length === 0 ? (
        <div className="hm-list__message" data-kind="empty">
          {empty ?? <p>No streams to show.</p>}
        </div>
      ) : null}
      {showSkeletons ? <span className="hm-visually-hidden" role="status">Loading streams…</span> : null}
      <ul className="hm-list__items" role="list">
        {showSkeletons
          ? Array.from({ length: skeletonCount }, (_, index) => (
              <li key={`skeleton-${index}`} className="hm-list__item" aria-hidden="true">
                <div className="hm-card hm-card--skeleton" data-variant={layout === 'list' ? 'row' : 'grid'}>
                  <div className="hm-card__media" />
                  <div className="hm-card__body">
                    <div className="hm-skeleton-line" />
                    <div className="hm-skeleton-line" data-size="short" />
                  </div>
                </div>
              </li>
            ))
          : items.map((stream) => (
              <li key={stream.id} className="hm-list__item">
                <StreamCard
                  stream={stream}
                  variant={layout === 'list' ? 'row' : 'grid'}
                  onSelect={onSelect}
                  getHref={getHref}
                  selected={selectedId === stream.id}
                  {...cardProps}
                />
              </li>
            ))}
      </ul>
      {status === 'error' && items.length > 0 ? (
        <div className="hm-list__message" role="alert" data-kind="error">
          <p>More streams could not be loaded. {errorText(error)}</p>
          {onRetry ? (
            <button type="button" className="hm-button" onClick={onRetry}>
              Try again
            </button>
          ) : null}
        </div>
      ) : null}
      <div ref={sentinel} className="hm-list__sentinel" aria-hidden="true" />
      {hasMore && onLoadMore ? (
        <div className="hm-list__footer">
          <button type="button" className="hm-button" onClick={() => canLoadMore && onLoadMore()} aria-disabled={isLoadingMore || undefined}>
            {isLoadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
      {status === 'success' && !hasMore && items.length > 0 ? (
        <p className="hm-list__end">
          {items.length === 1 ? '1 stream' : `${items.length} streams`}, that is all.
        </p>
      ) : null}
    </section>
  )
})

const StreamListQuery = forwardRef<HTMLElement, StreamListQueryProps>(function StreamListQuery({ params, ...rest }, ref) {
  const query = useInfiniteStreams(params)
  return (
    <StreamListView
      ref={ref}
      {...rest}
      streams={query.data?.streams}
      status={query.status}
      error={query.error}
      hasMore={query.hasNextPage}
      isLoadingMore={query.isFetchingNextPage}
      onLoadMore={() => {
        // One request per page, however often the sentinel or the button fires.
        if (query.hasNextPage && !query.isFetching) void query.fetchNextPage()
      }}
      onRetry={() => void (query.data ? query.fetchNextPage() : query.refetch())}
    />
  )
})

/**
 * A grid (or list) of {@link StreamCard}s with loading, empty, error and end states, infinite
 * scrolling and a "Load more" button for keyboards and screen readers.
 *
 * @example
 * // Drop-in: fetches by itself inside <HotMicProvider>.
 * <StreamList params={{ state: 'LIVE' }} onSelect={(stream) => setCurrent(stream)} />
 *
 * @example
 * // Presentational: your data.
 * <StreamList streams={streams} status="success" getHref={(s) => `/watch/${s.id}`} />
 */
export const StreamList = forwardRef<HTMLElement, StreamListProps>(function StreamList(props, ref) {
  return props.params !== undefined ? <StreamListQuery ref={ref} {...props} /> : <StreamListView ref={ref} {...props} />
})
