'use client'
import {
  defaultRangeExtractor,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  useWindowVirtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual'
import { useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { useItemsFocus, type ItemsProps } from './list-items.js'

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

/**
 * The element the list scrolls in: its nearest ancestor that scrolls (`overflow-y: auto | scroll`
 * with more content than height: a sidebar, a dialog, an app shell), or `null` for the page.
 */
function useScroller(element: RefObject<HTMLElement | null>) {
  const [scroller, setScroller] = useState<HTMLElement | null>(null)
  useLayoutEffect(() => {
    const list = element.current
    if (!list) return
    const find = () => {
      let node = list.parentElement
      while (node && node !== document.body && !(/auto|scroll/.test(getComputedStyle(node).overflowY) && node.scrollHeight > node.clientHeight)) {
        node = node.parentElement
      }
      setScroller(node === document.body || node === document.documentElement ? null : node)
    }
    find()
    // A container can start scrolling later: the list grows, or an ancestor is given a height.
    const observer = new ResizeObserver(find)
    for (let node: HTMLElement | null = list; node && node !== document.documentElement; node = node.parentElement) observer.observe(node)
    return () => observer.disconnect()
  }, [element])
  return scroller
}

/** Where the list starts in what scrolls it, so its scroll maps onto rows; follows the layout above it. */
function useScrollMargin(element: RefObject<HTMLElement | null>, scroller: HTMLElement | null) {
  const [margin, setMargin] = useState(0)
  useLayoutEffect(() => {
    const node = element.current
    if (!node) return
    const measure = () =>
      setMargin(Math.round(node.getBoundingClientRect().top + (scroller ? scroller.scrollTop - scroller.getBoundingClientRect().top : window.scrollY)))
    // Content above the list (a player opening, a banner) changes the page's size: measure again then.
    const observer = new ResizeObserver(measure)
    observer.observe(scroller ?? document.body)
    observer.observe(node)
    return () => observer.disconnect()
  }, [element, scroller])
  return margin
}

type Scrolling = Pick<VirtualizerOptions<Window, Element>, 'getScrollElement' | 'observeElementRect' | 'observeElementOffset' | 'scrollToFn' | 'initialOffset'>

/** The virtualizer's scrolling functions for the element the list scrolls in, or none: the window's. */
function scrolling(scroller: HTMLElement | null): Scrolling | undefined {
  if (!scroller) return undefined
  // Typed for the window virtualizer, which only ever hands them back the scroll element given here.
  return {
    getScrollElement: () => scroller as unknown as Window,
    observeElementRect: observeElementRect as unknown as Scrolling['observeElementRect'],
    observeElementOffset: observeElementOffset as unknown as Scrolling['observeElementOffset'],
    scrollToFn: elementScroll as unknown as Scrolling['scrollToFn'],
    initialOffset: () => scroller.scrollTop,
  }
}

/**
 * Only the rows near the viewport in the DOM, in as many columns as the stylesheet's grid would make,
 * following the page's scroll or that of the element the list scrolls in.
 * Its own module so that the virtualizer is a chunk of its own, loaded on demand (`preloadVirtualizer()`).
 */
export function VirtualItems({ items, layout, renderCard, focusRequest, onFocusDone, onNavigate, onFocusItem, focusedId, handoffRef }: ItemsProps) {
  const container = useRef<HTMLDivElement>(null)
  const { width, columns, gap } = useGridMetrics(container, layout)
  const scroller = useScroller(container)
  const scrollMargin = useScrollMargin(container, scroller)
  const rows = Math.ceil(items.length / columns)
  const focusedIndex = focusedId === undefined ? -1 : items.findIndex((stream) => stream.id === focusedId)
  const focusedRow = focusedIndex < 0 ? -1 : Math.floor(focusedIndex / columns)
  const requestedRow = focusRequest ? Math.floor(focusRequest.index / columns) : -1
  const columnWidth = columns > 0 && width > 0 ? (width - gap * (columns - 1)) / columns : 320
  const virtualizer = useWindowVirtualizer({
    ...scrolling(scroller),
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
    // The rows on screen keep their real heights: otherwise they sit at the estimate until the next
    // frame's ResizeObserver pass, and cards shift when the list switches from plain items.
    for (const row of container.current?.querySelectorAll<HTMLElement>('.hm-list__row') ?? []) virtualizer.measureElement(row)
  }, [virtualizer, columns, width])
  useLayoutEffect(() => {
    if (focusRequest) virtualizer.scrollToIndex(Math.floor(focusRequest.index / columns), { align: 'auto' })
  }, [virtualizer, focusRequest, columns])
  const focusProps = useItemsFocus(container, { focusRequest, onFocusDone, handoffRef, onFocusItem })

  return (
    <div
      ref={container}
      className="hm-list__items"
      role="list"
      data-virtual=""
      style={{ display: 'block', position: 'relative', height: virtualizer.getTotalSize() }}
      onKeyDown={(event) => onNavigate(event, columns)}
      {...focusProps}
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
            // aria-setsize and aria-posinset: a screen reader announces "item 480 of 10,000", not of the rows drawn.
            <div
              key={stream.id}
              className="hm-list__item"
              role="listitem"
              aria-setsize={items.length}
              aria-posinset={row.index * columns + offset + 1}
              data-item={row.index * columns + offset}
              data-stream-id={stream.id}
            >
              {renderCard(stream)}
            </div>
          ))}
        </div>
      ))}
    </div>
  )
}
