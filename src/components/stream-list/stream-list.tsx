'use client'
import {
  forwardRef,
  useEffect,
  useMemo,
  useRef,
  useState,
  type HTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import type { StreamListParams } from '../../client/query-string.js'
import type { Stream } from '../../client/schemas.js'
import { useInfiniteStreams } from '../../hooks/use-infinite-streams.js'
import { StreamCard, type StreamCardProps } from '../stream-card/stream-card.js'
import { PlainItems, type ItemsProps } from './list-items.js'
import { preloadVirtualizer, useVirtualItems } from './preload-virtualizer.js'
import { useStreamIntent } from './use-stream-intent.js'

/** Above this many streams, `virtualize: 'auto'` renders only the rows near the viewport. */
export const VIRTUALIZE_OVER = 60

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
  /**
   * `'auto'` (default): only the rows near the viewport are in the DOM once there are more than
   * {@link VIRTUALIZE_OVER} streams (the page scrolls as usual, or the nearest ancestor that scrolls:
   * a sidebar, a dialog); `true` always; `false` never.
   */
  virtualize?: boolean | 'auto' | undefined
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

/** `streams` without later copies of an id; the same array when there are none. */
function uniqueById(streams: readonly Stream[]): readonly Stream[] {
  const ids = new Set(streams.map((stream) => stream.id))
  if (ids.size === streams.length) return streams
  return streams.filter((stream) => ids.delete(stream.id))
}

function Skeleton({ layout }: { layout: 'grid' | 'list' }) {
  // Shaped like a real card (thumbnail, two title lines, host, tags) so nothing jumps on load.
  return (
    <div className="hm-card hm-card--skeleton" data-variant={layout === 'list' ? 'row' : 'grid'}>
      <div className="hm-card__media" />
      <div className="hm-card__body">
        <div className="hm-skeleton-line" />
        <div className="hm-skeleton-line" data-size="short" />
        <div className="hm-skeleton-line" data-size="host" />
        <div className="hm-skeleton-line" data-size="tags" />
      </div>
    </div>
  )
}

function ErrorMessage({ children, error, onRetry }: { children: ReactNode; error: unknown; onRetry: (() => void) | undefined }) {
  return (
    <div className="hm-list__message" role="alert" data-kind="error">
      <p>
        {children} {errorText(error)}
      </p>
      {onRetry ? (
        <button type="button" className="hm-button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  )
}

/** The index of the item `target` sits in, when it is the card's own link or button. */
function itemIndexOf(target: EventTarget): number | undefined {
  if (!(target instanceof Element) || !target.matches('.hm-card__target')) return undefined
  const value = target.closest('[data-item]')?.getAttribute('data-item')
  return value == null ? undefined : Number(value)
}

function targetIndex(key: string, current: number, columns: number, count: number, rtl = false): number | undefined {
  // In a right-to-left layout the grid runs from the right: the arrow keys follow what users see.
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight'
  const back = rtl ? 'ArrowRight' : 'ArrowLeft'
  const next =
    key === forward ? current + 1
    : key === back ? current - 1
    : key === 'ArrowDown' ? current + columns
    : key === 'ArrowUp' ? current - columns
    : key === 'Home' ? 0
    : key === 'End' ? count - 1
    : undefined
  return next === undefined ? undefined : Math.min(count - 1, Math.max(0, next))
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
    virtualize = 'auto',
    cardProps,
    className,
    ...rest
  },
  ref,
) {
  const canLoadMore = hasMore && !isLoadingMore && Boolean(onLoadMore)
  const sentinel = useSentinel(canLoadMore, () => onLoadMore?.())
  // One card per id: a page that repeats a stream (data of your own, a list that moved) would give React duplicate keys.
  const items = useMemo(() => uniqueById(streams ?? []), [streams])
  const showSkeletons = status === 'pending' && items.length === 0
  const virtual = virtualize === true || (virtualize === 'auto' && items.length > VIRTUALIZE_OVER)
  const virtualItems = useVirtualItems(virtual)
  const [focusedId, setFocusedId] = useState<string | undefined>()
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null)
  const handoffRef = useRef<string | undefined>(undefined)

  const onNavigate = (event: KeyboardEvent<HTMLElement>, columns: number) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    const current = itemIndexOf(event.target)
    if (current === undefined) return
    const target = event.target as Element
    const rtl = getComputedStyle(target).direction === 'rtl' || target.closest('[dir]:not([dir="auto" i])')?.getAttribute('dir')?.toLowerCase() === 'rtl'
    const next = targetIndex(event.key, current, columns, items.length, rtl)
    if (next === undefined) return
    event.preventDefault()
    if (next !== current) setFocusRequest({ index: next })
  }
  const renderCard = (stream: Stream) => (
    <StreamCard
      stream={stream}
      variant={layout === 'list' ? 'row' : 'grid'}
      onSelect={onSelect}
      getHref={getHref}
      selected={selectedId === stream.id}
      {...cardProps}
    />
  )
  const itemsProps: ItemsProps = {
    items,
    layout,
    renderCard,
    focusRequest,
    onFocusDone: () => setFocusRequest(null),
    onNavigate,
    onFocusItem: setFocusedId,
    focusedId,
    handoffRef,
  }

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
        <ErrorMessage error={error} onRetry={onRetry}>
          Streams could not be loaded.
        </ErrorMessage>
      ) : null}
      {status === 'success' && items.length === 0 ? (
        <div className="hm-list__message" data-kind="empty">
          {empty ?? <p>No streams to show.</p>}
        </div>
      ) : null}
      {showSkeletons ? (
        <>
          <span className="hm-visually-hidden" role="status">
            Loading streams…
          </span>
          <ul className="hm-list__items" role="list" aria-hidden="true">
            {Array.from({ length: skeletonCount }, (_, index) => (
              <li key={index} className="hm-list__item">
                <Skeleton layout={layout} />
              </li>
            ))}
          </ul>
        </>
      ) : virtual && virtualItems.status === 'loaded' ? (
        <virtualItems.component {...itemsProps} />
      ) : items.length > 0 ? (
        // While the virtualizer loads, the first cards in plain items: no blank list, and the same
        // element as before the list grew, so a focused card stays focused. A failed load shows all.
        <PlainItems {...itemsProps} items={virtual && virtualItems.status === 'idle' ? items.slice(0, VIRTUALIZE_OVER) : items} />
      ) : null}
      {status === 'error' && items.length > 0 ? (
        <ErrorMessage error={error} onRetry={onRetry}>
          More streams could not be loaded.
        </ErrorMessage>
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

/** The page size the API uses when `params.limit` is not given. */
const API_PAGE_SIZE = 100

const StreamListQuery = forwardRef<HTMLElement, StreamListQueryProps>(function StreamListQuery({ params, cardProps, ...rest }, ref) {
  const query = useInfiniteStreams(params)
  const warm = useStreamIntent()
  const ownIntent = cardProps?.onIntent
  // The virtualizer downloads alongside the page that could take the list past the threshold, so
  // the list switches to virtual rows as that page renders.
  const upcoming = query.data && !query.hasNextPage ? 0 : (params.limit ?? API_PAGE_SIZE)
  const virtualizeSoon =
    rest.virtualize === true || (rest.virtualize !== false && (query.data?.streams.length ?? 0) + upcoming > VIRTUALIZE_OVER)
  useEffect(() => {
    if (virtualizeSoon) void preloadVirtualizer()
  }, [virtualizeSoon])
  return (
    <StreamListView
      ref={ref}
      {...rest}
      cardProps={{
        ...cardProps,
        onIntent: (stream) => {
          warm(stream)
          ownIntent?.(stream)
        },
      }}
      streams={query.data?.streams}
      status={query.status}
      error={query.error}
      hasMore={query.hasNextPage}
      isLoadingMore={query.isFetchingNextPage}
      onLoadMore={() => {
        // One request per page, however often the sentinel or the button fires: a call in the same
        // tick as another joins its fetch instead of cancelling and repeating it.
        if (query.hasNextPage && !query.isFetching) void query.fetchNextPage({ cancelRefetch: false })
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
