'use client'
import { forwardRef, useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ForwardedRef, type VideoHTMLAttributes } from 'react'
import type { HlsConfig } from 'hls.js'
import { safeUrl } from '../safe-url.js'
import { createHlsEngine, prepareStart, type HlsEngine, type HlsEngineMode, type HlsPlayerError, type HlsSource } from './hls-engine.js'


// The engine starts in a layout effect: before the first paint, not after it, so the playlist and
// hls.js requests leave a frame sooner. On the server (no window) it is a plain effect, which never runs.
const useStartEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** What the player is doing, shown as `data-state` on the `<video>`. */
export type HlsPlayerState = 'idle' | 'loading' | 'playing' | 'paused' | 'buffering' | 'ended' | 'error'

/** How {@link HlsPlayer} starts playback on its own: with sound, muted, or with sound falling back to muted. */
export type HlsPlayerAutoPlay = boolean | 'muted' | 'any'

/** A captions file for {@link HlsPlayer}, rendered as a `<track kind="captions">`. */
export interface HlsPlayerCaptions {
  /** A WebVTT file. Only http(s) and relative URLs are used. */
  src: string
  /** BCP 47 language, e.g. `'en'`. */
  srcLang: string
  /** Shown in the captions menu. */
  label: string
  /** Shown from the start. Default `false`. */
  default?: boolean | undefined
}

/**
 * Props of {@link HlsPlayer}. Rest props go onto the `<video>`. No `children`: hls.js owns the
 * element's sources.
 */
export interface HlsPlayerProps extends Omit<VideoHTMLAttributes<HTMLVideoElement>, 'src' | 'autoPlay' | 'onError' | 'children'> {
  /** An HLS playlist (`.m3u8`). Only http(s) and relative URLs are used; others count as no source. */
  src?: string | undefined
  /** Only http(s) and relative URLs are used. */
  poster?: string | undefined
  /** A progressive source (MP4) played when HLS cannot play here or fails for good. Only http(s) and relative URLs are used. */
  fallbackSrc?: string | undefined
  /** Captions files, as `<track kind="captions">` (both engines). */
  captions?: readonly HlsPlayerCaptions[] | undefined
  /** The box's aspect ratio (CSS `aspect-ratio`, e.g. `16 / 9` or `'9 / 16'`), set before any video loads so nothing shifts. Default: from `orientation`, else none. */
  aspectRatio?: number | string | undefined
  /** `'portrait'` gives a 9:16 box, `'landscape'` 16:9, unless `aspectRatio` says otherwise. */
  orientation?: 'portrait' | 'landscape' | null | undefined
  /**
   * The source is expected to be live but may not be on the air yet: a playlist that 404s shows
   * "Waiting for the stream" and is fetched again each second for up to `waitForStream` ms. Default 0.
   */
  waitForStream?: number | undefined
  /**
   * `true`: play with sound (stays paused if the browser refuses); `'muted'`: mute, then play;
   * `'any'`: try with sound, retry muted if the browser refuses. Default `false`.
   */
  autoPlay?: HlsPlayerAutoPlay | undefined
  muted?: boolean | undefined
  /** Default `true`. */
  controls?: boolean | undefined
  /** Default `true`. */
  playsInline?: boolean | undefined
  /** hls.js, injected: the class or a loader such as `() => import('hls.js')`. Default: a dynamic import, only where MSE exists. */
  hls?: HlsSource | undefined
  /** Merged over `{ backBufferLength: 30, liveDurationInfinity: true }`; your keys win. Read when a source loads. */
  hlsConfig?: Partial<HlsConfig> | undefined
  /** Use Safari's own HLS instead of hls.js (Apple Safari only). Read when a source loads. Default `false`. */
  preferNative?: boolean | undefined
  /** Playback failed for good (after the engine's retries and recovery). */
  onError?: ((error: HlsPlayerError) => void) | undefined
  /** Called with each new `data-state`. */
  onStateChange?: ((state: HlsPlayerState) => void) | undefined
}

type MediaState = Exclude<HlsPlayerState, 'error'>

/** What the engine told the shell about the current source. */
interface SourceInfo {
  request: SourceRequest | undefined
  live: boolean
  waiting: boolean
}

/** One value of `src`: a new object each time `src` changes, so A → B → A is a fresh load of A. */
interface SourceRequest {
  src: string | undefined
}

interface Snapshot {
  /** The request the snapshot was taken for: a snapshot of an older one reads as `loading`. */
  request: SourceRequest | undefined
  media: MediaState
  engine: HlsEngineMode
}

const MEDIA_EVENTS = [
  'loadstart',
  'emptied',
  'loadedmetadata',
  'loadeddata',
  'canplay',
  'play',
  'playing',
  'pause',
  'waiting',
  'seeking',
  'seeked',
  'ended',
  'timeupdate',
] as const

function readMediaState(video: HTMLVideoElement): MediaState {
  if (!video.currentSrc) return 'idle'
  if (video.ended) return 'ended'
  if (video.paused) return video.readyState >= video.HAVE_METADATA ? 'paused' : 'loading'
  if (video.readyState >= video.HAVE_FUTURE_DATA && !video.seeking) return 'playing'
  return video.played.length > 0 ? 'buffering' : 'loading'
}

function isNamedError(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name
}

async function startPlayback(video: HTMLVideoElement, autoPlay: HlsPlayerAutoPlay, isCurrent: () => boolean): Promise<void> {
  if (autoPlay === 'muted') video.muted = true
  try {
    await video.play()
  } catch (error) {
    // AbortError: a newer source or a pause interrupted play(); that is not a refusal, so never mute for it.
    if (autoPlay !== 'any' || !isNamedError(error, 'NotAllowedError') || video.muted || !isCurrent()) return
    video.muted = true
    try {
      await video.play()
    } catch {
      // Refused even muted: stay paused, the controls still work.
    }
  }
}

function assignRef<T>(ref: ForwardedRef<T>, value: T | null) {
  if (typeof ref === 'function') ref(value)
  else if (ref) ref.current = value
}

/**
 * A `<video>` that plays HLS: hls.js (loaded on demand) where MSE exists, the browser's own HLS on
 * iOS, `fallbackSrc` (MP4) where neither works or HLS fails for good. Its state is shown as
 * `data-state` (`idle | loading | playing | paused | buffering | ended | error`), the playback path
 * as `data-engine` (`hls.js | native | progressive | fallback | none`) and a live source as `data-live`. The ref
 * and rest props are the `<video>`'s, which always has the class `hm-player` (plus yours); it sits
 * in a `<div class="hm-player-frame">` (same `data-state`) with the overlays: a LIVE badge, "Waiting
 * for the stream", and after a failure an alert with a Try again button.
 *
 * @example
 * <HlsPlayer
 *   src="https://example.com/live/master.m3u8"
 *   poster="https://example.com/live/poster.jpg"
 *   fallbackSrc="https://example.com/live/replay.mp4"
 *   autoPlay="muted"
 *   orientation="portrait"
 *   onError={(error) => console.warn(error.kind, error.message)}
 * />
 */
export const HlsPlayer = forwardRef<HTMLVideoElement, HlsPlayerProps>(function HlsPlayer(
  {
    src,
    poster,
    fallbackSrc,
    captions,
    aspectRatio,
    orientation,
    waitForStream,
    autoPlay = false,
    muted,
    controls = true,
    playsInline = true,
    hls,
    hlsConfig,
    preferNative,
    onError,
    onStateChange,
    className,
    ...rest
  },
  forwardedRef,
) {
  const source = safeUrl(src)
  // The hls.js download and the playlist prefetch start as this player renders a new source, not at
  // its layout effect: the rest of the render and the commit then overlap them. Idempotent, and a
  // no-op without MSE (so on the server too); an injected `hls`, or native HLS by choice, is left to the engine.
  const prepare = () => {
    if (source !== undefined) prepareStart(source, { hls, hlsConfig, preferNative }, rest.crossOrigin)
    return { src: source }
  }
  // State, not useMemo: a fresh request must mean a changed src, never a dropped memo cache.
  const [request, setRequest] = useState<SourceRequest>(prepare)
  if (request.src !== source) setRequest(prepare())
  const videoRef = useRef<HTMLVideoElement | null>(null)
  const engineRef = useRef<HlsEngine | null>(null)
  const requestRef = useRef<SourceRequest | undefined>(undefined)
  const fallback = safeUrl(fallbackSrc)
  const latest = useRef({ hls, hlsConfig, preferNative, onError, onStateChange, autoPlay, fallback, waitForStream })
  const reported = useRef<HlsPlayerState | undefined>(undefined)
  const [snapshot, setSnapshot] = useState<Snapshot>({ request: undefined, media: 'idle', engine: 'none' })
  const [failure, setFailure] = useState<{ request: SourceRequest | undefined; error: HlsPlayerError } | undefined>(undefined)
  const [info, setInfo] = useState<SourceInfo>({ request: undefined, live: false, waiting: false })

  const setVideoRef = useCallback(
    (node: HTMLVideoElement | null) => {
      videoRef.current = node
      assignRef(forwardedRef, node)
    },
    [forwardedRef],
  )

  // Declared first so the effects below see this render's props.
  useStartEffect(() => {
    latest.current = { hls, hlsConfig, preferNative, onError, onStateChange, autoPlay, fallback, waitForStream }
  })

  // One engine per mounted <video>; StrictMode's extra unmount/mount destroys it and makes a fresh one.
  useStartEffect(() => {
    const video = videoRef.current
    if (!video) return
    // Assigned below, once the engine exists; the engine's callbacks only run after that.
    let sync = () => {}
    const engine = createHlsEngine(video, {
      get hls() {
        return latest.current.hls
      },
      get hlsConfig() {
        return latest.current.hlsConfig
      },
      get preferNative() {
        return latest.current.preferNative
      },
      get fallbackSrc() {
        return latest.current.fallback
      },
      get waitForStream() {
        return latest.current.waitForStream
      },
      onLive(live) {
        const request = requestRef.current
        setInfo((prev) => (prev.request === request && prev.live === live ? prev : { ...prev, request, live }))
      },
      onWaiting(waiting) {
        const request = requestRef.current
        setInfo((prev) => (prev.request === request && prev.waiting === waiting ? prev : { ...prev, request, waiting }))
      },
      onFallback() {
        sync()
        const autoPlayMode = latest.current.autoPlay
        const request = requestRef.current
        if (autoPlayMode) void startPlayback(video, autoPlayMode, () => requestRef.current === request)
      },
      onError(error) {
        setFailure({ request: requestRef.current, error })
        latest.current.onError?.(error)
      },
    })
    engineRef.current = engine
    sync = () => {
      const next: Snapshot = { request: requestRef.current, media: readMediaState(video), engine: engine.mode }
      setSnapshot((prev) => (prev.request === next.request && prev.media === next.media && prev.engine === next.engine ? prev : next))
    }
    for (const type of MEDIA_EVENTS) video.addEventListener(type, sync)
    return () => {
      for (const type of MEDIA_EVENTS) video.removeEventListener(type, sync)
      engineRef.current = null
      requestRef.current = undefined
      engine.destroy()
    }
  }, [])

  useStartEffect(() => {
    const video = videoRef.current
    const engine = engineRef.current
    if (!video || !engine) return
    requestRef.current = request
    const source = request.src
    if (source === undefined) {
      engine.unload()
      return
    }
    let current = true
    void engine.load(source).then(() => {
      const autoPlayMode = latest.current.autoPlay
      if (current && autoPlayMode && engine.mode !== 'none') void startPlayback(video, autoPlayMode, () => current)
    })
    return () => {
      current = false
    }
  }, [request])

  const state: HlsPlayerState =
    source === undefined
      ? 'idle'
      : failure?.request === request
        ? 'error'
        : snapshot.request !== request || snapshot.media === 'idle'
          ? 'loading'
          : snapshot.media
  const engineMode: HlsEngineMode = source !== undefined && snapshot.request === request ? snapshot.engine : 'none'
  const live = info.request === request && info.live
  const waiting = info.request === request && info.waiting && state !== 'error'
  const frameRef = useRef<HTMLDivElement>(null)
  const retry = (event: { currentTarget: HTMLElement }) => {
    const hadFocus = event.currentTarget === document.activeElement
    setRequest({ src: source })
    if (!hadFocus) return
    // The button goes with the error: focus stays in the player, on the video when it takes focus (its controls), else the frame.
    const video = videoRef.current
    const target = video && (video.controls || video.hasAttribute('tabindex')) ? video : frameRef.current
    target?.focus({ preventScroll: true })
  }
  const ratio = aspectRatio ?? (orientation === 'portrait' ? '9 / 16' : orientation === 'landscape' ? '16 / 9' : undefined)
  const frameStyle: CSSProperties | undefined = ratio === undefined ? undefined : { aspectRatio: String(ratio) }

  useEffect(() => {
    if (reported.current === state) return
    reported.current = state
    latest.current.onStateChange?.(state)
  }, [state])

  // The overlays are siblings of the <video>: its children are only our <track>s, which hls.js never moves.
  return (
    <div
      ref={frameRef}
      className="hm-player-frame"
      // Focusable from script only: where focus goes when "Try again" leaves and the video takes none.
      tabIndex={-1}
      data-state={state}
      data-live={live ? '' : undefined}
      data-orientation={orientation ?? undefined}
      style={frameStyle}
    >
      <video
        {...rest}
        ref={setVideoRef}
        className={['hm-player', className].filter(Boolean).join(' ')}
        poster={safeUrl(poster)}
        muted={autoPlay === 'muted' ? true : muted}
        controls={controls}
        playsInline={playsInline}
        data-state={state}
        data-engine={engineMode}
        data-live={live ? '' : undefined}
      >
        {captions?.map((track) => {
          const trackSrc = safeUrl(track.src)
          return trackSrc === undefined ? null : (
            <track key={trackSrc} kind="captions" src={trackSrc} srcLang={track.srcLang} label={track.label} default={track.default} />
          )
        })}
      </video>
      {live && state !== 'ended' && state !== 'error' ? (
        <span className="hm-badge hm-player__live" data-state="live">
          Live
        </span>
      ) : null}
      {/* Always there, so screen readers announce the text when it comes (some skip a live region added with its text). */}
      <p className={waiting ? 'hm-player__message' : 'hm-visually-hidden'} role="status">
        {waiting ? 'Waiting for the stream…' : null}
      </p>
      {state === 'error' ? (
        <div className="hm-player__message" role="alert" data-kind="error">
          <p>{failure?.error.kind === 'unsupported' ? 'This browser cannot play this stream.' : 'The stream could not be played.'}</p>
          <button type="button" className="hm-button" onClick={retry}>
            Try again
          </button>
        </div>
      ) : null}
    </div>
  )
})
