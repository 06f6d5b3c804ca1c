'use client'
import { forwardRef, useEffect, useId, useRef, useState, useSyncExternalStore, type HTMLAttributes, type MouseEvent, type ReactNode } from 'react'
import { tagLabel, type Stream, type Tag } from '../../client/schemas.js'
import { formatDateTime, formatDuration, formatFollowers, formatRelativeTime } from '../format.js'
import { HlsPlayer } from '../hls-player/hls-player.js'
import { safeUrl } from '../safe-url.js'

/** Props of {@link StreamCard}. Rest props go onto the root `<article>`. */
export interface StreamCardProps extends Omit<HTMLAttributes<HTMLElement>, 'onSelect' | 'children'> {
  stream: Stream
  /** Makes the card a link. Only http(s) and relative URLs are used. */
  href?: string | undefined
  /** Like `href`, computed from the stream. */
  getHref?: ((stream: Stream) => string) | undefined
  /** Makes the card a button (when there is no `href`). */
  onSelect?: ((stream: Stream) => void) | undefined
  /** Marks the card as the current one (`aria-current`, `data-selected`). */
  selected?: boolean | undefined
  /** `grid` (default): a tile with a large thumbnail; `row`: a compact line. */
  variant?: 'grid' | 'row' | undefined
  /** Heading level of the title. Default 3. */
  headingLevel?: 2 | 3 | 4 | 5 | 6 | undefined
  /**
   * Extra content after the body, outside the card's link or button, so it may hold its own buttons.
   * A function receives the stream.
   */
  actions?: ReactNode | ((stream: Stream) => ReactNode)
  /**
   * Called when the reader shows intent to open the card: the pointer rests on it for
   * {@link INTENT_DELAY_MS} or it receives focus. Once per hover or focus. Use it to prefetch.
   */
  onIntent?: ((stream: Stream) => void) | undefined
  /** The instant relative times are counted from (ms). Default: `Date.now()` at render. */
  now?: number | undefined
  /** Locale of dates and numbers. Default: the reader's. */
  locale?: string | undefined
  /**
   * Plays the stream muted in the thumbnail while the pointer rests on the card (live and replays,
   * never with reduced motion). One card previews at a time on the page. Default `false`.
   */
  preview?: boolean | undefined
}

// The card whose preview plays, page-wide: starting one stops the other.
let previewOwner: object | null = null
const previewListeners = new Set<() => void>()
function setPreviewOwner(owner: object | null) {
  previewOwner = owner
  for (const listener of previewListeners) listener()
}
function subscribePreview(listener: () => void) {
  previewListeners.add(listener)
  return () => void previewListeners.delete(listener)
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches
}

/** Whether this card's preview plays, and the hover handlers that start and stop it. */
function usePreview(enabled: boolean) {
  const [owner] = useState(() => ({}))
  const playing = useSyncExternalStore(
    subscribePreview,
    () => previewOwner === owner,
    () => false,
  )
  useEffect(() => () => {
    if (previewOwner === owner) setPreviewOwner(null)
  }, [owner])
  if (!enabled) return { playing: false, start: undefined, stop: undefined }
  return {
    playing,
    start: () => {
      if (!reducedMotion()) setPreviewOwner(owner)
    },
    stop: () => {
      if (previewOwner === owner) setPreviewOwner(null)
    },
  }
}

/**
 * How long the pointer or keyboard focus rests on a card before `onIntent` fires (ms): long enough
 * to skip a pointer flying over cards, or arrow keys running through them.
 */
export const INTENT_DELAY_MS = 80

/** `onIntent` once per hover or focus, after a short rest; the pending one is dropped on leave or blur. */
function useIntent(stream: Stream, onIntent: ((stream: Stream) => void) | undefined, hover: { start?: (() => void) | undefined; stop?: (() => void) | undefined } = {}) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const fired = useRef(false)
  const latest = useRef({ stream, onIntent })
  useEffect(() => {
    latest.current = { stream, onIntent }
  })
  useEffect(() => () => clearTimeout(timer.current), [])
  if (!onIntent && !hover.start) return {}
  const fire = () => {
    clearTimeout(timer.current)
    if (fired.current) return
    fired.current = true
    latest.current.onIntent?.(latest.current.stream)
  }
  const reset = () => {
    clearTimeout(timer.current)
    fired.current = false
  }
  const rest = (then?: () => void) => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      fire()
      then?.()
    }, INTENT_DELAY_MS)
  }
  return {
    onPointerEnter: () => rest(hover.start),
    onPointerLeave: () => {
      reset()
      hover.stop?.()
    },
    onFocus: () => {
      if (!fired.current) rest()
    },
    onBlur: reset,
  }
}

/** The badge text for a stream state. Unknown states are shown as sent. */
export function stateLabel(stream: Stream): string {
  switch (stream.state) {
    case 'LIVE':
      return 'Live'
    case 'SCHEDULED':
      return 'Scheduled'
    case 'VOD':
      return 'Replay'
    case 'ENDED':
      return 'Ended'
    default:
      return stream.state ? stream.state.toLowerCase() : 'Unknown'
  }
}

function initials(name: string | undefined): string {
  const letters = (name ?? '?').trim().match(/\p{L}|\p{N}/gu) ?? ['?']
  return letters.slice(0, 2).join('').toUpperCase()
}

function TagChip({ tag }: { tag: Tag }) {
  const thumbnail = safeUrl(tag.tag_thumbnail)
  return (
    <span className="hm-tag" dir="auto">
      {thumbnail ? <img className="hm-tag__thumbnail" src={thumbnail} alt="" width={14} height={14} loading="lazy" decoding="async" /> : null}
      {tagLabel(tag)}
    </span>
  )
}

function Thumbnail({ stream, previewing }: { stream: Stream; previewing: boolean }) {
  const src = safeUrl(stream.thumbnail)
  // Once an image fails it is replaced, never retried: no error loop, same box, no layout shift.
  const [failed, setFailed] = useState<string | undefined>()
  const broken = !src || failed === src
  const duration = stream.state === 'VOD' ? formatDuration(stream.duration) : undefined
  return (
    <div className="hm-card__media" data-orientation={stream.video_orientation === 'portrait' ? 'portrait' : 'landscape'}>
      {broken ? (
        <div className="hm-card__placeholder" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="32" height="32" fill="none" stroke="currentColor" strokeWidth="1.5">
            <rect x="3" y="5" width="18" height="14" rx="2" />
            <path d="M10 9.5v5l4-2.5z" fill="currentColor" />
          </svg>
        </div>
      ) : (
        <img className="hm-card__thumbnail" src={src} alt="" loading="lazy" decoding="async" onError={() => setFailed(src)} />
      )}
      {previewing ? (
        <HlsPlayer className="hm-card__preview" src={stream.video_url} autoPlay="muted" muted controls={false} aria-hidden="true" tabIndex={-1} />
      ) : null}
      <span className="hm-badge" data-state={String(stream.state ?? 'unknown').toLowerCase()}>
        {stateLabel(stream)}
      </span>
      {duration ? <span className="hm-card__duration">{duration}</span> : null}
    </div>
  )
}

/**
 * The time a scheduled card counts down from: `fixed` when given (stories, snapshots), else the
 * clock, refreshed every 15 s (the countdown shows whole minutes at most, then "now").
 */
function useCountdownClock(target: string | undefined, fixed: number | undefined): number {
  const [now, setNow] = useState(() => Date.now())
  const time = target ? Date.parse(target) : Number.NaN
  useEffect(() => {
    if (fixed !== undefined || Number.isNaN(time)) return
    const timer = setInterval(() => setNow(Date.now()), 15_000)
    return () => clearInterval(timer)
  }, [time, fixed])
  return fixed ?? now
}

/**
 * A stream as a card: thumbnail, state badge, title, host and tags. The whole card is one link
 * (`href` / `getHref`) or one button (`onSelect`), named by the title.
 *
 * @example
 * <StreamCard stream={stream} href={`/streams/${stream.id}`} />
 * <StreamCard stream={stream} onSelect={(s) => setCurrent(s.id)} variant="row" />
 */
export const StreamCard = forwardRef<HTMLElement, StreamCardProps>(function StreamCard(
  { stream, href, getHref, onSelect, selected, variant = 'grid', headingLevel = 3, actions, onIntent, now, locale, preview = false, className, ...rest },
  ref,
) {
  const canPreview = preview && Boolean(safeUrl(stream.video_url)) && (stream.state === 'LIVE' || stream.state === 'VOD')
  const { playing, start, stop } = usePreview(canPreview)
  const intent = useIntent(stream, onIntent, { start, stop })
  const describedBy = useId()
  const link = safeUrl(href ?? getHref?.(stream))
  const title = stream.title?.trim() || 'Untitled stream'
  const Heading = `h${headingLevel}` as const
  const host = stream.user?.display_name
  const followers = formatFollowers(stream.user?.followers, locale)
  const avatar = safeUrl(stream.user?.profile_pic)
  const scheduled = stream.state === 'SCHEDULED'
  const when = scheduled ? formatDateTime(stream.scheduled_date, locale) : undefined
  const clock = useCountdownClock(scheduled ? stream.scheduled_date : undefined, now)
  const countdown = scheduled ? formatRelativeTime(stream.scheduled_date, clock, locale) : undefined
  const tags = (stream.tags ?? []).filter((tag) => tagLabel(tag))
  const extra = typeof actions === 'function' ? actions(stream) : actions

  const onClick = (event: MouseEvent) => {
    if (!link) onSelect?.(stream)
    else if (onSelect && !event.defaultPrevented && !event.metaKey && !event.ctrlKey && !event.shiftKey && event.button === 0) {
      onSelect(stream)
    }
  }
  const target = link ? (
    <a className="hm-card__target" href={link} onClick={onSelect ? onClick : undefined} aria-describedby={describedBy} aria-current={selected ? 'page' : undefined}>
      {title}
    </a>
  ) : onSelect ? (
    <button type="button" className="hm-card__target" onClick={onClick} aria-describedby={describedBy} aria-pressed={selected ?? undefined}>
      {title}
    </button>
  ) : (
    <span className="hm-card__target">{title}</span>
  )

  return (
    <article
      ref={ref}
      className={['hm-card', className].filter(Boolean).join(' ')}
      data-variant={variant}
      data-state={String(stream.state ?? 'unknown').toLowerCase()}
      data-selected={selected ? '' : undefined}
      data-interactive={link || onSelect ? '' : undefined}
      data-previewing={playing ? '' : undefined}
      {...intent}
      {...rest}
    >
      <Thumbnail stream={stream} previewing={playing} />
      <div className="hm-card__body">
        <Heading className="hm-card__title" dir="auto">
          {target}
        </Heading>
        <div className="hm-card__meta" id={describedBy}>
          <span className="hm-card__host">
            {avatar ? (
              <img className="hm-avatar" src={avatar} alt="" loading="lazy" decoding="async" />
            ) : (
              <span className="hm-avatar" aria-hidden="true">
                {initials(host)}
              </span>
            )}
            <span className="hm-card__host-name" dir="auto">{host ?? 'Unknown host'}</span>
            {followers ? <span className="hm-card__followers">{followers}</span> : null}
          </span>
          {when ? (
            <span className="hm-card__when">
              <time dateTime={stream.scheduled_date}>Starts {when}</time>
              {countdown ? <span className="hm-card__countdown"> · {countdown}</span> : null}
            </span>
          ) : null}
          {tags.length > 0 ? (
            <span className="hm-card__tags">
              {tags.map((tag, index) => (
                <TagChip key={`${tagLabel(tag)}-${index}`} tag={tag} />
              ))}
            </span>
          ) : null}
        </div>
      </div>
      {extra ? <div className="hm-card__actions">{extra}</div> : null}
    </article>
  )
})
