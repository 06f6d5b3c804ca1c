import { http, HttpResponse, type HttpHandler } from 'msw'
import { defaultMediaBaseUrl, liveBaseUrl } from '../fixtures.js'

/** One looped VOD rendition the origin serves as a live stream. */
export interface LiveSource {
  /** Folder URL of the rendition's segments (`seg-000.ts`, `seg-001.ts`…), absolute. */
  segmentBaseUrl: string
  /** Segments in the folder. */
  segments: number
}

/** Options of {@link createLiveOrigin}. */
export interface LiveOriginOptions {
  /** Absolute URL of the generated media folder. Default: `<page origin>/media`, or `http://localhost/media` outside a browser. */
  mediaBaseUrl?: string | undefined
  /** Absolute URL the origin answers on (`<liveBaseUrl>/<name>/index.m3u8`). Default: `live` beside `mediaBaseUrl`. */
  liveBaseUrl?: string | undefined
  /** The time in ms, injectable so tests are deterministic. Default `Date.now`. */
  clock?: (() => number) | undefined
  /** Segments in the sliding window. Default 4. */
  windowSize?: number | undefined
  /** Seconds per segment (the media's `-hls_time`). Default 2. */
  segmentDuration?: number | undefined
  /** The streams, by name. Default: `ladder` (the 360p rendition) and `portrait`, 12 segments each. */
  sources?: Record<string, LiveSource> | undefined
}

/** Where a live stream of the origin is. */
export type LiveStreamStatus = 'live' | 'ended' | 'offline'

/** What {@link createLiveOrigin} returns. */
export interface LiveOrigin {
  /** MSW handlers serving `<liveBaseUrl>/<name>/index.m3u8`. Segments stay the real files. */
  handlers: HttpHandler[]
  /** The playlist URL of a stream. */
  url(name: string): string
  /** Ends a stream: its window stops moving and `#EXT-X-ENDLIST` appears. */
  end(name: string): void
  /** Takes a stream off the air: its playlist 404s, as before a broadcast starts. */
  stop(name: string): void
  /** (Re)starts a stream live from now. */
  restart(name: string): void
  status(name: string): LiveStreamStatus
}

interface Channel {
  status: LiveStreamStatus
  /** When the stream went live (ms, origin clock). */
  since: number
  /** The head sequence number frozen at `end()`. */
  endedHead?: number
}

/**
 * A live HLS origin over the generated VOD segments, as MSW handlers: each stream is a sliding-window
 * media playlist (no `#EXT-X-ENDLIST`) whose media sequence advances with the clock, looping the VOD
 * with a discontinuity at each wrap, so hls.js treats it as really live. `end()` freezes it and adds
 * `#EXT-X-ENDLIST` (LIVE → ENDED); `stop()` makes it 404 (not started yet). Works with `setupServer`,
 * `setupWorker` and msw-storybook-addon; segment URLs are absolute, so a worker started with
 * `onUnhandledRequest: 'bypass'` lets them through to the real files.
 *
 * @example
 * const origin = createLiveOrigin({ clock: () => now })
 * server.use(...origin.handlers)
 * render(<HlsPlayer src={origin.url('ladder')} />)
 * origin.end('ladder')
 */
export function createLiveOrigin(options: LiveOriginOptions = {}): LiveOrigin {
  const mediaBase = (options.mediaBaseUrl ?? defaultMediaBaseUrl()).replace(/\/+$/, '')
  const liveBase = (options.liveBaseUrl ?? liveBaseUrl(mediaBase)).replace(/\/+$/, '')
  const clock = options.clock ?? Date.now
  const windowSize = options.windowSize ?? 4
  const segmentDuration = options.segmentDuration ?? 2
  const sources = options.sources ?? {
    ladder: { segmentBaseUrl: `${mediaBase}/ladder/360p`, segments: 12 },
    portrait: { segmentBaseUrl: `${mediaBase}/portrait`, segments: 12 },
  }
  const started = clock()
  const channels = new Map<string, Channel>()

  function channel(name: string): Channel {
    let found = channels.get(name)
    if (!found) {
      found = { status: 'live', since: started }
      channels.set(name, found)
    }
    return found
  }

  function source(name: string): LiveSource {
    const found = sources[name]
    if (!found) throw new Error(`The live origin has no stream "${name}" (it has ${Object.keys(sources).join(', ')})`)
    return found
  }

  function head(state: Channel): number {
    // A window's worth of segments already exists when a stream goes live, so players start at once.
    return state.endedHead ?? Math.floor((clock() - state.since) / (segmentDuration * 1000)) + windowSize
  }

  function playlist(name: string, state: Channel): string {
    const { segmentBaseUrl, segments } = sources[name]!
    const last = head(state)
    const first = last - windowSize
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      `#EXT-X-TARGETDURATION:${Math.ceil(segmentDuration)}`,
      `#EXT-X-MEDIA-SEQUENCE:${first}`,
      // Each loop of the VOD restarts its timestamps: one discontinuity per wrap.
      `#EXT-X-DISCONTINUITY-SEQUENCE:${Math.floor(first / segments)}`,
    ]
    for (let sequence = first; sequence < last; sequence++) {
      const index = sequence % segments
      if (index === 0 && sequence !== first) lines.push('#EXT-X-DISCONTINUITY')
      lines.push(`#EXTINF:${segmentDuration.toFixed(3)},`, `${segmentBaseUrl}/seg-${String(index).padStart(3, '0')}.ts`)
    }
    if (state.status === 'ended') lines.push('#EXT-X-ENDLIST')
    return `${lines.join('\n')}\n`
  }

  const handlers = [
    http.get(`${liveBase}/:name/index.m3u8`, ({ params }) => {
      const name = String(params['name'])
      if (!(name in sources)) return new HttpResponse(null, { status: 404 })
      const state = channel(name)
      if (state.status === 'offline') return new HttpResponse(null, { status: 404 })
      return new HttpResponse(playlist(name, state), {
        headers: { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-store' },
      })
    }),
  ]

  return {
    handlers,
    url: (name) => `${liveBase}/${encodeURIComponent(name)}/index.m3u8`,
    end(name) {
      source(name)
      const state = channel(name)
      if (state.status !== 'live') return
      state.endedHead = head(state)
      state.status = 'ended'
    },
    stop(name) {
      source(name)
      const state = channel(name)
      state.status = 'offline'
      delete state.endedHead
    },
    restart(name) {
      source(name)
      channels.set(name, { status: 'live', since: clock() })
    },
    status: (name) => (source(name), channel(name).status),
  }
}
