'use client'
import { forwardRef, useCallback, useEffect, useRef, useState, type ForwardedRef, type VideoHTMLAttributes } from 'react'
import type { HlsConfig } from 'hls.js'
import { safeUrl } from '../safe-url.js'
import { createHlsEngine, type HlsEngine, type HlsEngineMode, type HlsPlayerError, type HlsSource } from './hls-engine.js'

/** What the player is doing, shown as `data-state` on the `<video>`. */
export type HlsPlayerState = 'idle' | 'loading' | 'playing' | 'paused' | 'buffering' | 'ended' | 'error'

/** How {@link HlsPlayer} starts playback on its own: with sound, muted, or with sound falling back to muted. */
export type HlsPlayerAutoPlay = boolean | 'muted' | 'any'

/**
 * Props of {@link HlsPlayer}. Rest props go onto the `<video>`. No `children`: hls.js owns the
 * element's sources.
 */
export interface HlsPlayerProps extends Omit<VideoHTMLAttributes<HTMLVideoElement>, 'src' | 'autoPlay' | 'onError' | 'children'> {
  /** An HLS playlist (`.m3u8`). Only http(s) and relative URLs are used; others count as no source. */
  src?: string | undefined
  /** Only http(s) and relative URLs are used. */
  poster?: string | undefined
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
  /** Merged over `{ backBufferLength: 30 }`; your keys win. Read when a source loads. */
  hlsConfig?: Partial<HlsConfig> | undefined
  /** Use Safari's own HLS instead of hls.js (Apple Safari only). Read when a source loads. Default `false`. */
  preferNative?: boolean | undefined
  /** Playback failed for good (after the engine's retries and recovery). */
  onError?: ((error: HlsPlayerError) => void) | undefined
  /** Called with each new `data-state`. */
  onStateChange?: ((state: HlsPlayerState) => void) | undefined
}

type MediaState = Exclude<HlsPlayerState, 'error'>

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
 * iOS. Its state is shown as `data-state` (`idle | loading | playing | paused | buffering | ended |
 * error`) and the playback path as `data-engine` (`hls.js | native | none`). The ref is the `<video>`,
 * which always has the class `hm-player` (plus yours).
 *
 * @example
 * <HlsPlayer
 *   src="https://example.com/live/master.m3u8"
 *   poster="https://example.com/live/poster.jpg"
 *   autoPlay="muted"
 *   onError={(error) => console.warn(error.kind, error.message)}
 * />
 */
export const HlsPlayer = forwardRef<HTMLVideoElement, HlsPlayerProps>(function HlsPlayer(
  {
    src,
    poster,
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
  // State, not useMemo: a fresh request must mean a changed src, never a dropped memo cache.
  const [request, setRequest] = useState<SourceRequest>(() => ({ src: source }))
  if (request.src !== source) setRequest({ src: source })
  const videoRef = useRef<HTMLVideoElement | null>(null)
  const engineRef = useRef<HlsEngine | null>(null)
  const requestRef = useRef<SourceRequest | undefined>(undefined)
  const latest = useRef({ hls, hlsConfig, preferNative, onError, onStateChange, autoPlay })
  const reported = useRef<HlsPlayerState | undefined>(undefined)
  const [snapshot, setSnapshot] = useState<Snapshot>({ request: undefined, media: 'idle', engine: 'none' })
  const [failure, setFailure] = useState<{ request: SourceRequest | undefined; error: HlsPlayerError } | undefined>(undefined)

  const setVideoRef = useCallback(
    (node: HTMLVideoElement | null) => {
      videoRef.current = node
      assignRef(forwardedRef, node)
    },
    [forwardedRef],
  )

  // Declared first so the effects below see this render's props.
  useEffect(() => {
    latest.current = { hls, hlsConfig, preferNative, onError, onStateChange, autoPlay }
  })

  // One engine per mounted <video>; StrictMode's extra unmount/mount destroys it and makes a fresh one.
  useEffect(() => {
    const video = videoRef.current
    if (!video) return
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
      onError(error) {
        setFailure({ request: requestRef.current, error })
        latest.current.onError?.(error)
      },
    })
    engineRef.current = engine
    const sync = () => {
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

  useEffect(() => {
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

  useEffect(() => {
    if (reported.current === state) return
    reported.current = state
    latest.current.onStateChange?.(state)
  }, [state])

  return (
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
    />
  )
})
