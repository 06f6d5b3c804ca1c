'use client'
import { defaultRangeExtractor, useWindowVirtualizer } from '@tanstack/react-virtual'
import {
  forwardRef,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type HTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react'
import type { StreamListParams } from '../../client/query-string.js'
import type { Stream } from '../../client/schemas.js'
import { useInfiniteStreams } from '../../hooks/use-infinite-streams.js'
import { StreamCard, type StreamCardProps } from '../stream-card/stream-card.js'
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
   * {@link VIRTUALIZE_OVER} streams (the page scrolls as usual); `true` always; `false` never.
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

/** Number of grid columns the stylesheet's `auto-fill` would make in `element`. */
function columnsOf(element: HTMLElement | null, layout: 'grid' | 'list'): number {
  if (!element || layout === 'list') return 1
  const tracks = getComputedStyle(element).gridTemplateColumns
  return tracks && tracks !== 'none' ? Math.max(1, tracks.trim().split(/\s+/).length) : 1
}

/** The index of the item `target` sits in, when it is the card's own link or button. */
function itemIndexOf(target: EventTarget): number | undefined {
  if (!(target instanceof Element) || !target.matches('.hm-card__target')) return undefined
  const value = target.closest('[data-item]')?.getAttribute('data-item')
  return value == null ? undefined : Number(value)
}

function targetIndex(key: string, current: number, columns: number, count: number): number | undefined {
  const next =
    key === 'ArrowRight' ? current + 1
    : key === 'ArrowLeft' ? current - 1
    : key === 'ArrowDown' ? current + columns
    : key === 'ArrowUp' ? current - columns
    : key === 'Home' ? 0
    : key === 'End' ? count - 1
    : undefined
  return next === undefined ? undefined : Math.min(count - 1, Math.max(0, next))
}

interface ItemsProps {
  items: readonly Stream[]
  layout: 'grid' | 'list'
  renderCard: (stream: Stream) => ReactNode
  /** Index of the item keyboard navigation wants focused next, and when it was asked for. */
  focusRequest: { index: number } | null
  onFocusDone: () => void
  onNavigate: (event: KeyboardEvent<HTMLElement>, columns: number) => void
  onFocusItem: (id: string | undefined) => void
  focusedId: string | undefined
  /** The stream whose card had focus when the other kind of items unmounted. */
  handoffRef: RefObject<string | undefined>
}

/**
 * Keeps focus on the same stream when the list switches between plain and virtual items (it grows
 * past {@link VIRTUALIZE_OVER} while a card is focused): the leaving items note the focused stream,
 * the arriving ones focus its card.
 */
function useFocusHandoff(container: RefObject<HTMLElement | null>, handoffRef: RefObject<string | undefined>) {
  // Until the arriving items have rendered the card (a virtualizer renders rows after measuring).
  useLayoutEffect(() => {
    const id = handoffRef.current
    if (id === undefined) return
    const active = document.activeElement
    if (active !== null && active !== document.body) {
      handoffRef.current = undefined
      return
    }
    const target = container.current?.querySelector<HTMLElement>(`[data-stream-id="${CSS.escape(id)}"] .hm-card__target`)
    if (!target) return
    handoffRef.current = undefined
    target.focus()
  })
  useLayoutEffect(() => {
    const node = container.current
    return () => {
      const active = document.activeElement
      if (node && active && node.contains(active)) handoffRef.current = active.closest('[data-stream-id]')?.getAttribute('data-stream-id') ?? undefined
    }
  }, [container, handoffRef])
}

/** Focuses the card at `request.index` once it is rendered, then reports it done. */
function useFocusRequest(container: RefObject<HTMLElement | null>, request: { index: number } | null, done: () => void) {
  useLayoutEffect(() => {
    if (!request) return
    const target = container.current?.querySelector<HTMLElement>(`[data-item="${request.index}"] .hm-card__target`)
    if (!target) return
    target.focus()
    done()
  })
}

function focusHandlers(onFocusItem: (id: string | undefined) => void) {
  return {
    onFocus: (event: FocusEvent<HTMLElement>) => {
      const id = event.target instanceof Element ? event.target.closest('[data-stream-id]')?.getAttribute('data-stream-id') : null
      onFocusItem(id ?? undefined)
    },
    onBlur: (event: FocusEvent<HTMLElement>) => {
      // Leaving the list forgets the card; moving between cards (or a card being recycled) does not.
      if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return
      if (event.relatedTarget === null && !event.currentTarget.isConnected) return
      if (event.relatedTarget !== null) onFocusItem(undefined)
    },
  }
}

function PlainItems({ items, layout, renderCard, focusRequest, onFocusDone, onNavigate, onFocusItem, handoffRef }: ItemsProps) {
  const list = useRef<HTMLUListElement>(null)
  useFocusRequest(list, focusRequest, onFocusDone)
  useFocusHandoff(list, handoffRef)
  return (
    <ul
      ref={list}
      className="hm-list__items"
      role="list"
      onKeyDown={(event) => onNavigate(event, columnsOf(list.current, layout))}
      {...focusHandlers(onFocusItem)}
    >
      {items.map((stream, index) => (
        <li key={stream.id} className="hm-list__item" data-item={index} data-stream-id={stream.id}>
          {renderCard(stream)}
        </li>
      ))}
    </ul>
  )
}

function cssLength(element: HTMLElement, name: string): number | undefined {
  const value = Number.parseFloat(getComputedStyle(element).getPropertyValue(name))
  return Number.isFinite(value) ? value : undefined
}

/** Width, columns and gap of the virtual grid, following the container's size and the `--hm-*` properties. */
function useGridMetrics(element: RefObject<HTMLElement | null>, layout: 'grid' | 'list') {
  const [metrics, setMetrics] = useState({ width: 0, columns: 1, gap: 0 })
  useLayoutEffect(() => {
    const node = element.current
    if (!node) return
    const measure = () => {
      const width = node.clientWidth
      const gap = cssLength(node, layout === 'list' ? '--hm-row-gap' : '--hm-gap') ?? 0
      const min = cssLength(node, '--hm-card-min')
      // The same count as CSS `repeat(auto-fill, minmax(min, 1fr))`; one column when unstyled.
      const columns = layout === 'list' || !min ? 1 : Math.max(1, Math.floor((width + gap) / (min + gap)))
      setMetrics((old) => (old.width === width && old.columns === columns && old.gap === gap ? old : { width, columns, gap }))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(node)
    return () => observer.disconnect()
  }, [element, layout])
  return metrics
}

/** Where the list starts on the page, so the window's scroll maps onto rows; follows the page's layout. */
function useScrollMargin(element: RefObject<HTMLElement | null>) {
  const [margin, setMargin] = useState(0)
  useLayoutEffect(() => {
    const node = element.current
    if (!node) return
    const measure = () => setMargin(Math.round(node.getBoundingClientRect().top + window.scrollY))
    // Content above the list (a player opening, a banner) changes the page's size: measure again then.
    const observer = new ResizeObserver(measure)
    observer.observe(document.body)
    observer.observe(node)
    return () => observer.disconnect()
  }, [element])
  return margin
}

function VirtualItems({ items, layout, renderCard, focusRequest, onFocusDone, onNavigate, onFocusItem, focusedId, handoffRef }: ItemsProps) {
  const container = useRef<HTMLDivElement>(null)
  const { width, columns, gap } = useGridMetrics(container, layout)
  const scrollMargin = useScrollMargin(container)
  const rows = Math.ceil(items.length / columns)
  const focusedIndex = focusedId === undefined ? -1 : items.findIndex((stream) => stream.id === focusedId)
  const focusedRow = focusedIndex < 0 ? -1 : Math.floor(focusedIndex / columns)
  const requestedRow = focusRequest ? Math.floor(focusRequest.index / columns) : -1
  const columnWidth = columns > 0 && width > 0 ? (width - gap * (columns - 1)) / columns : 320
  const virtualizer = useWindowVirtualizer({
    count: rows,
    estimateSize: () => (layout === 'list' ? 110 : Math.round((columnWidth * 9) / 16 + 130)),
    overscan: 2,
    gap,
    // Measuring in the next frame keeps ResizeObserver from looping when a row's size changes the page.
    useAnimationFrameWithResizeObserver: true,
    scrollMargin,
    // The focused card's row stays mounted while it scrolls away, so focus is never dropped.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range)
      for (const row of [focusedRow, requestedRow]) if (row >= 0 && row < rows && !indexes.includes(row)) indexes.push(row)
      return indexes.sort((a, b) => a - b)
    },
  })
  useLayoutEffect(() => {
    virtualizer.measure()
  }, [virtualizer, columns, width])
  useLayoutEffect(() => {
    if (focusRequest) virtualizer.scrollToIndex(Math.floor(focusRequest.index / columns), { align: 'auto' })
  }, [virtualizer, focusRequest, columns])
  useFocusRequest(container, focusRequest, onFocusDone)
  useFocusHandoff(container, handoffRef)

  return (
    <div
      ref={container}
      className="hm-list__items"
      role="list"
      data-virtual=""
      style={{ display: 'block', position: 'relative', height: virtualizer.getTotalSize() }}
      onKeyDown={(event) => onNavigate(event, columns)}
      {...focusHandlers(onFocusItem)}
    >
      {virtualizer.getVirtualItems().map((row) => (
        <div
          key={row.key}
          ref={virtualizer.measureElement}
          data-index={row.index}
          className="hm-list__row"
          role="none"
          style={{
            position: 'absolute',
            top: 0,
            left: 0,
            width: '100%',
            transform: `translateY(${row.start - scrollMargin}px)`,
            display: 'grid',
            gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            gap,
          }}
        >
          {items.slice(row.index * columns, row.index * columns + columns).map((stream, offset) => (
            <div key={stream.id} className="hm-list__item" role="listitem" data-item={row.index * columns + offset} data-stream-id={stream.id}>
              {renderCard(stream)}
            </div>
          ))}
        </div>
      ))}
    </div>
  )
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
  const items = streams ?? []
  const showSkeletons = status === 'pending' && items.length === 0
  const virtual = virtualize === true || (virtualize === 'auto' && items.length > VIRTUALIZE_OVER)
  const [focusedId, setFocusedId] = useState<string | undefined>()
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null)
  const handoffRef = useRef<string | undefined>(undefined)

  const onNavigate = (event: KeyboardEvent<HTMLElement>, columns: number) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    const current = itemIndexOf(event.target)
    if (current === undefined) return
    const next = targetIndex(event.key, current, columns, items.length)
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
      ) : virtual ? (
        <VirtualItems {...itemsProps} />
      ) : items.length > 0 ? (
        <PlainItems {...itemsProps} />
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

const StreamListQuery = forwardRef<HTMLElement, StreamListQueryProps>(function StreamListQuery({ params, cardProps, ...rest }, ref) {
  const query = useInfiniteStreams(params)
  const warm = useStreamIntent()
  const ownIntent = cardProps?.onIntent
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
