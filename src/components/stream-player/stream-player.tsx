'use client'
import { forwardRef, useCallback, useEffect, useState, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react'
import type { Id } from '../../client/query-string.js'
import type { Stream } from '../../client/schemas.js'
import { useStream } from '../../hooks/use-stream.js'
import { formatDateTime } from '../format.js'
import { HlsPlayer, type HlsPlayerProps, type HlsPlayerState } from '../hls-player/hls-player.js'
import { safeUrl } from '../safe-url.js'

/** What a {@link StreamPlayer} shows, as `data-state` on its root. */
export type StreamPlayerState = 'loading' | 'error' | 'live' | 'vod' | 'scheduled' | 'ended' | 'unavailable'

/** Props of {@link HlsPlayer} a {@link StreamPlayer} passes on (the stream decides the rest). */
export type StreamPlayerPlayerProps = Omit<HlsPlayerProps, 'src' | 'fallbackSrc' | 'poster' | 'orientation' | 'aspectRatio'>

/** Props of {@link StreamPlayer}. Rest props go onto the root `<div>`. */
export interface StreamPlayerProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The stream, or its id: then it is fetched with `useStream` (and refetched while it is scheduled). */
  stream: Stream | Id
  /** Passed to the {@link HlsPlayer} of a live or VOD stream. Default `{ autoPlay: 'muted' }`. */
  playerProps?: StreamPlayerPlayerProps | undefined
  /** While a stream fetched by id is scheduled, how often (ms) to refetch it to see it go live. Default 30 000. */
  scheduledRefetchInterval?: number | undefined
  /** How long (ms) a live stream's playlist may 404 before it counts as failed (not on the air yet). Default 60 000. */
  waitForStream?: number | undefined
}

const DEFAULT_PLAYER_PROPS: StreamPlayerPlayerProps = { autoPlay: 'muted' }

function isStream(value: Stream | Id): value is Stream {
  return typeof value === 'object' && value !== null
}

/** `2 d 03:04:05`, `03:04:05` or `04:05`: whole seconds left, never negative. */
function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const days = Math.floor(total / 86_400)
  const pad = (n: number) => String(n).padStart(2, '0')
  const hours = Math.floor(total / 3600) % 24
  const clock = `${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`
  if (days > 0) return `${days} d ${pad(hours)}:${clock}`
  return hours > 0 ? `${pad(hours)}:${clock}` : clock
}

/** The current time, once a second while `active`. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [active])
  return now
}

function streamState(stream: Stream): StreamPlayerState {
  const src = safeUrl(stream.video_url)
  switch (stream.state) {
    case 'LIVE':
      return src ? 'live' : 'unavailable'
    case 'VOD':
      return src || safeUrl(stream.video_mp4_url) ? 'vod' : 'unavailable'
    case 'SCHEDULED':
      return 'scheduled'
    case 'ENDED':
      return 'ended'
    default:
      return 'unavailable'
  }
}

function Still({ stream, children }: { stream: Stream; children: ReactNode }) {
  const src = safeUrl(stream.thumbnail)
  // A thumbnail that fails is dropped once, never retried: the box stays, nothing shifts.
  const [failed, setFailed] = useState<string | undefined>()
  return (
    <div className="hm-stream-player__still">
      {src && failed !== src ? <img className="hm-stream-player__image" src={src} alt="" onError={() => setFailed(src)} /> : null}
      <div className="hm-stream-player__message">{children}</div>
    </div>
  )
}

function Scheduled({ stream, onDue }: { stream: Stream; onDue: (() => void) | undefined }) {
  const at = stream.scheduled_date ? Date.parse(stream.scheduled_date) : Number.NaN
  const now = useNow(!Number.isNaN(at))
  const due = !Number.isNaN(at) && now >= at
  useEffect(() => {
    if (due) onDue?.()
  }, [due, onDue])
  return (
    <Still stream={stream}>
      <p className="hm-stream-player__title">Scheduled</p>
      {Number.isNaN(at) ? (
        <p>Starts soon</p>
      ) : (
        <>
          <p>
            Starts <time dateTime={stream.scheduled_date}>{formatDateTime(stream.scheduled_date)}</time>
          </p>
          <p className="hm-stream-player__countdown">{due ? 'Starting soon…' : `in ${formatCountdown(at - now)}`}</p>
        </>
      )}
    </Still>
  )
}

interface StreamPlayerViewProps {
  stream: Stream
  playerProps: StreamPlayerPlayerProps
  waitForStream: number
  onDue: (() => void) | undefined
  onLiveState: (playback: HlsPlayerState) => void
}

function StreamPlayerView({ stream, playerProps, waitForStream, onDue, onLiveState }: StreamPlayerViewProps) {
  const state = streamState(stream)
  const orientation = stream.video_orientation === 'portrait' ? 'portrait' : 'landscape'
  const title = stream.title ?? 'Stream'
  switch (state) {
    case 'live':
      return (
        <HlsPlayer
          aria-label={`${title} (live)`}
          {...playerProps}
          // Keyed by stream: another stream is a fresh player, never a leftover state.
          key={stream.id}
          src={stream.video_url}
          poster={stream.thumbnail}
          orientation={orientation}
          waitForStream={playerProps.waitForStream ?? waitForStream}
          onStateChange={(playback) => {
            playerProps.onStateChange?.(playback)
            onLiveState(playback)
          }}
        />
      )
    case 'vod':
      return (
        <HlsPlayer
          aria-label={title}
          {...playerProps}
          key={stream.id}
          src={safeUrl(stream.video_url) ?? stream.video_mp4_url}
          fallbackSrc={stream.video_mp4_url}
          poster={stream.thumbnail}
          orientation={orientation}
        />
      )
    case 'scheduled':
      return <Scheduled stream={stream} onDue={onDue} />
    case 'ended':
      return (
        <Still stream={stream}>
          <p className="hm-stream-player__title">Stream ended</p>
        </Still>
      )
    default:
      return (
        <Still stream={stream}>
          <p className="hm-stream-player__title">This stream is not available</p>
        </Still>
      )
  }
}

/**
 * Plays a HotMic stream by its state: LIVE → an {@link HlsPlayer} on `video_url` (LIVE badge, waits
 * for a playlist that is not on the air yet); VOD → `video_url` with `video_mp4_url` as the fallback;
 * SCHEDULED → the thumbnail with the time and a countdown, switching to the live player when the
 * stream goes live; ENDED → the thumbnail with "Stream ended" (`data-state="ended"` also once a live
 * playlist ends, and a stream fetched by id is refetched then, to play its VOD). Portrait streams get a 9:16 box
 * (others 16:9) before anything loads, so nothing shifts. State is `data-state` on the root `<div>`.
 *
 * @example
 * <StreamPlayer stream={streamId} />
 * <StreamPlayer stream={stream} playerProps={{ autoPlay: 'any', onError: report }} />
 */
export const StreamPlayer = forwardRef<HTMLDivElement, StreamPlayerProps>(function StreamPlayer(
  { stream, playerProps = DEFAULT_PLAYER_PROPS, scheduledRefetchInterval = 30_000, waitForStream = 60_000, className, style, ...rest },
  ref,
) {
  const byId = !isStream(stream)
  const query = useStream(byId ? stream : stream.id, {
    enabled: byId,
    refetchInterval: (current) => (current.state.data?.state === 'SCHEDULED' ? scheduledRefetchInterval : false),
  })
  const data = byId ? query.data : stream
  // The live playlist ended (its ENDLIST came) before the stream's own state says so.
  const [endedLive, setEndedLive] = useState<string>()
  const shown: StreamPlayerState = data ? streamState(data) : query.isError ? 'error' : 'loading'
  const state = shown === 'live' && endedLive === data?.video_url ? 'ended' : shown
  const portrait = data?.video_orientation === 'portrait'
  const boxStyle: CSSProperties = { aspectRatio: portrait ? '9 / 16' : '16 / 9', ...style }
  const refetch = query.refetch
  const refetchNow = useCallback(() => void refetch(), [refetch])
  const liveState = useCallback(
    (playback: HlsPlayerState) => {
      // Played again (what is buffered): live until it ends once more.
      if (playback === 'playing') setEndedLive(undefined)
      if (playback !== 'ended') return
      setEndedLive(data?.video_url)
      // Fetched by id: the stream is now ENDED, or already a VOD to play.
      if (byId) refetchNow()
    },
    [data?.video_url, byId, refetchNow],
  )

  return (
    <div
      {...rest}
      ref={ref}
      className={['hm-stream-player', className].filter(Boolean).join(' ')}
      style={boxStyle}
      data-state={state}
      data-orientation={portrait ? 'portrait' : 'landscape'}
      aria-busy={state === 'loading' || undefined}
    >
      {data ? (
        <StreamPlayerView stream={data} playerProps={playerProps} waitForStream={waitForStream} onDue={byId ? refetchNow : undefined} onLiveState={liveState} />
      ) : query.isError ? (
        <div className="hm-stream-player__message" role="alert">
          <p>The stream could not be loaded.</p>
          <button type="button" className="hm-button" onClick={refetchNow}>
            Try again
          </button>
        </div>
      ) : null}
    </div>
  )
})
