'use client'
import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react'
import type { Stream } from '../../client/schemas.js'

/** Number of grid columns the stylesheet's `auto-fill` would make in `element`. */
function columnsOf(element: HTMLElement | null, layout: 'grid' | 'list'): number {
  if (!element || layout === 'list') return 1
  const tracks = getComputedStyle(element).gridTemplateColumns
  return tracks && tracks !== 'none' ? Math.max(1, tracks.trim().split(/\s+/).length) : 1
}

/** What {@link PlainItems} and the lazily loaded virtual items both take from the list. */
export interface ItemsProps {
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
 * past `VIRTUALIZE_OVER` while a card is focused): the leaving items note the focused stream,
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

/**
 * Focus for a container of items (plain or virtual): focuses the card keyboard navigation asked
 * for, hands focus over between the two kinds of items, and returns the container's focus and blur
 * handlers, which track the focused stream.
 */
export function useItemsFocus(
  container: RefObject<HTMLElement | null>,
  { focusRequest, onFocusDone, handoffRef, onFocusItem }: Pick<ItemsProps, 'focusRequest' | 'onFocusDone' | 'handoffRef' | 'onFocusItem'>,
) {
  useFocusRequest(container, focusRequest, onFocusDone)
  useFocusHandoff(container, handoffRef)
  return focusHandlers(onFocusItem)
}

/** Every item in the DOM, laid out by the stylesheet's grid: short lists, and long ones until the virtualizer loads. */
export function PlainItems({ items, layout, renderCard, onNavigate, ...focus }: ItemsProps) {
  const list = useRef<HTMLUListElement>(null)
  const focusProps = useItemsFocus(list, focus)
  return (
    <ul
      ref={list}
      className="hm-list__items"
      role="list"
      onKeyDown={(event) => onNavigate(event, columnsOf(list.current, layout))}
      {...focusProps}
    >
      {items.map((stream, index) => (
        <li key={stream.id} className="hm-list__item" data-item={index} data-stream-id={stream.id}>
          {renderCard(stream)}
        </li>
      ))}
    </ul>
  )
}
