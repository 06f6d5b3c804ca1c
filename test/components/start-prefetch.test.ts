import type { HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext, LoaderStats } from 'hls.js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { chooseStartLevel, claimPrefetch, firstSegment, parseVariants, prefetchingLoader, startPrefetch, warmStart } from '../../src/components/hls-player/start-prefetch.js'

const MASTER = `#EXTM3U
#EXT-X-STREAM-INF:BANDWIDTH=1629584,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"
720p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=421872,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2"
240p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=770800,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"
360p/index.m3u8
`
const VOD = `#EXTM3U
#EXT-X-TARGETDURATION:2
#EXT-X-PLAYLIST-TYPE:VOD
#EXTINF:2.000000,
seg-000.ts
#EXTINF:2.000000,
seg-001.ts
#EXT-X-ENDLIST
`
const LIVE = VOD.replace('#EXT-X-PLAYLIST-TYPE:VOD\n', '').replace('#EXT-X-ENDLIST\n', '')

function fakeFetch(files: Record<string, string | ArrayBuffer | number>) {
  const calls: string[] = []
  const impl = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input)
    calls.push(url)
    const file = files[url]
    if (file === undefined || typeof file === 'number') return new Response(null, { status: typeof file === 'number' ? file : 404 })
    return new Response(file)
  })
  return { fetch: impl as unknown as typeof fetch, calls }
}

/** A global fetch that never answers; gives the signal of every request. */
function stubHangingFetch(): AbortSignal[] {
  const signals: AbortSignal[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: RequestInfo | URL, init?: RequestInit) => {
      signals.push(init!.signal!)
      return new Promise<Response>(() => {})
    }),
  )
  return signals
}

const BASE = 'https://cdn.example/media/ladder/'
const files = {
  [`${BASE}master.m3u8`]: MASTER,
  [`${BASE}240p/index.m3u8`]: VOD,
  [`${BASE}240p/seg-000.ts`]: new Uint8Array([1, 2, 3]).buffer,
}

describe('playlists', () => {
  it('reads variants in hls.js order: by height, then bitrate', () => {
    expect(parseVariants(MASTER).map((variant) => variant.uri)).toEqual(['240p/index.m3u8', '360p/index.m3u8', '720p/index.m3u8'])
    expect(parseVariants(VOD)).toEqual([])
  })

  it('orders and filters variants as hls.js makes levels: audio-only dropped, backups merged, average bitrate', () => {
    const inf = (attributes: string, uri: string) => `#EXT-X-STREAM-INF:${attributes}\n${uri}`
    const apple = [
      '#EXTM3U',
      inf('BANDWIDTH=64000,CODECS="mp4a.40.2"', 'audio/index.m3u8'),
      inf('BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"', '360p/index.m3u8'),
      inf('BANDWIDTH=400000,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2"', '240p/index.m3u8'),
      // A backup of the 360p variant on another host: the same level for hls.js.
      inf('BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"', 'https://backup.example/360p/index.m3u8'),
    ].join('\n')
    expect(parseVariants(apple).map((variant) => variant.uri)).toEqual(['240p/index.m3u8', '360p/index.m3u8'])
    // Same height: the frame rate, then AVERAGE-BANDWIDTH before BANDWIDTH.
    const same = [
      '#EXTM3U',
      inf('BANDWIDTH=900000,AVERAGE-BANDWIDTH=500000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"', 'a.m3u8'),
      inf('BANDWIDTH=700000,AVERAGE-BANDWIDTH=600000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"', 'b.m3u8'),
      inf('BANDWIDTH=600000,RESOLUTION=640x360,FRAME-RATE=60.000,CODECS="avc1.4d401e,mp4a.40.2"', 'c.m3u8'),
    ].join('\n')
    expect(parseVariants(same).map((variant) => variant.uri)).toEqual(['a.m3u8', 'b.m3u8', 'c.m3u8'])
  })

  it('leaves the start level to hls.js where its order is not certain: other codecs, HDR, HDCP, steering, CODECS missing on some', () => {
    const with240 = (attributes: string) =>
      `#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2"\n240p.m3u8\n#EXT-X-STREAM-INF:${attributes}\nother.m3u8`
    for (const attributes of [
      'BANDWIDTH=300000,RESOLUTION=426x240,CODECS="hvc1.1.6.L93.B0,mp4a.40.2"',
      'BANDWIDTH=300000,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2",VIDEO-RANGE=PQ',
      'BANDWIDTH=300000,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2",HDCP-LEVEL=TYPE-0',
      'BANDWIDTH=300000,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2",PATHWAY-ID="cdn-b"',
      'BANDWIDTH=300000,RESOLUTION=426x240',
    ]) {
      expect(parseVariants(with240(attributes)), attributes).toEqual([])
    }
    expect(parseVariants(with240('BANDWIDTH=300000,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2",VIDEO-RANGE=SDR'))).toHaveLength(2)
  })

  it('starts with the smallest affordable level that fills the player, else the largest affordable, else the lowest', () => {
    const variants = parseVariants(MASTER)
    expect(chooseStartLevel(variants, 360, 1, 5_000_000)).toBe(1)
    expect(chooseStartLevel(variants, 1080, 2, 5_000_000)).toBe(2)
    expect(chooseStartLevel(variants, 720, 1, 1_000_000)).toBe(1)
    expect(chooseStartLevel(variants, 720, 1, 100_000)).toBe(0)
    expect(chooseStartLevel([], 720, 1, 100_000)).toBe(-1)
  })

  it('finds the first segment of a VOD, never of a live playlist or one with an init segment or encryption', () => {
    expect(firstSegment(VOD)).toBe('seg-000.ts')
    expect(firstSegment(LIVE)).toBeUndefined()
    expect(firstSegment(`#EXT-X-MAP:URI="init.mp4"\n${VOD}`)).toBeUndefined()
    expect(firstSegment(`#EXT-X-KEY:METHOD=AES-128,URI="k"\n${VOD}`)).toBeUndefined()
  })
})

describe('startPrefetch', () => {
  it('fetches the playlist, the start level and its first segment, once each, and hands each out once', async () => {
    const { fetch, calls } = fakeFetch(files)
    const prefetch = startPrefetch({ src: `${BASE}master.m3u8`, height: 240, fetch })
    expect(await prefetch.startLevel).toBe(0)
    await vi.waitFor(() => expect(calls).toHaveLength(3))
    expect(calls).toEqual([`${BASE}master.m3u8`, `${BASE}240p/index.m3u8`, `${BASE}240p/seg-000.ts`])
    const master = await prefetch.take(`${BASE}master.m3u8`, false)
    expect(master?.body).toBe(MASTER)
    expect(prefetch.take(`${BASE}master.m3u8`, false)).toBeUndefined()
    expect(prefetch.take(`${BASE}240p/seg-000.ts`, false)).toBeUndefined()
    expect((await prefetch.take(`${BASE}240p/seg-000.ts`, true))?.body).toBeInstanceOf(ArrayBuffer)
  })

  it('reads a player height given as a function only once the playlist is in, so starting forces no layout', async () => {
    const { fetch } = fakeFetch(files)
    const height = vi.fn(() => 360)
    const prefetch = startPrefetch({ src: `${BASE}master.m3u8`, height, bandwidthEstimate: 5_000_000, fetch })
    expect(height).not.toHaveBeenCalled()
    expect(await prefetch.startLevel).toBe(1)
    expect(height).toHaveBeenCalledOnce()
  })

  it('stops at a live media playlist and turns failures into misses', async () => {
    const live = fakeFetch({ [`${BASE}live.m3u8`]: LIVE })
    const first = startPrefetch({ src: `${BASE}live.m3u8`, height: 360, fetch: live.fetch })
    expect(await first.startLevel).toBeUndefined()
    expect(live.calls).toEqual([`${BASE}live.m3u8`])

    const missing = fakeFetch({ [`${BASE}master.m3u8`]: 404 })
    const second = startPrefetch({ src: `${BASE}master.m3u8`, height: 360, fetch: missing.fetch })
    expect(await second.startLevel).toBeUndefined()
    expect(await second.take(`${BASE}master.m3u8`, false)).toBeNull()
  })

  it('hands out a live media playlist only while it is fresh (2 s); a VOD playlist at any age', async () => {
    const { fetch } = fakeFetch({ [`${BASE}live.m3u8`]: LIVE, [`${BASE}vod.m3u8`]: VOD, [`${BASE}seg-000.ts`]: new Uint8Array([1]).buffer })
    let now = 1000
    vi.spyOn(performance, 'now').mockImplementation(() => now)
    const fresh = startPrefetch({ src: `${BASE}live.m3u8`, height: 360, fetch })
    await fresh.startLevel
    now += 2000
    expect((await fresh.take(`${BASE}live.m3u8`, false))?.body).toBe(LIVE)

    const stale = startPrefetch({ src: `${BASE}live.m3u8`, height: 360, fetch })
    await stale.startLevel
    now += 2001
    expect(await stale.take(`${BASE}live.m3u8`, false)).toBeNull()

    const vod = startPrefetch({ src: `${BASE}vod.m3u8`, height: 360, fetch })
    await vod.startLevel
    now += 60_000
    expect((await vod.take(`${BASE}vod.m3u8`, false))?.body).toBe(VOD)
    vi.restoreAllMocks()
  })

  it('resolves a redirected playlist’s URIs against where it came from, and tells hls.js that URL', async () => {
    const { fetch: inner, calls } = fakeFetch({
      'https://cdn.example/real/master.m3u8': MASTER,
      'https://cdn.example/real/240p/index.m3u8': VOD,
      'https://cdn.example/real/240p/seg-000.ts': new Uint8Array([1]).buffer,
    })
    // /short/master.m3u8 answers from /real/master.m3u8, as fetch does after a 302.
    const redirecting = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input).replace('/short/', '/real/')
      const response = await inner(url, init)
      Object.defineProperty(response, 'url', { value: url })
      return response
    }) as typeof fetch
    const prefetch = startPrefetch({ src: 'https://cdn.example/short/master.m3u8', height: 240, fetch: redirecting })
    expect(await prefetch.startLevel).toBe(0)
    await vi.waitFor(() => expect(calls).toContain('https://cdn.example/real/240p/seg-000.ts'))
    expect(calls).toEqual(['https://cdn.example/real/master.m3u8', 'https://cdn.example/real/240p/index.m3u8', 'https://cdn.example/real/240p/seg-000.ts'])
    expect((await prefetch.take('https://cdn.example/short/master.m3u8', false))?.url).toBe('https://cdn.example/real/master.m3u8')
    expect(prefetch.take('https://cdn.example/real/240p/index.m3u8', false)).toBeDefined()
  })

  it('does not read a video file given as the playlist (an MP4 src): a miss, its download stopped', async () => {
    let signal: AbortSignal | undefined
    const response = new Response(new ReadableStream(), { headers: { 'content-type': 'video/mp4' } })
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      signal = init!.signal!
      return response
    }) as unknown as typeof globalThis.fetch
    const prefetch = startPrefetch({ src: 'https://cdn.example/download?id=7', height: 240, fetch })
    expect(await prefetch.startLevel).toBeUndefined()
    expect(await prefetch.take('https://cdn.example/download?id=7', false)).toBeNull()
    expect(signal?.aborted).toBe(true)
    expect(response.bodyUsed).toBe(false)
    expect(await prefetch.progressive).toBe(true)
    // A playlist, or a failure, is not.
    const { fetch: playlists } = fakeFetch(files)
    expect(await startPrefetch({ src: `${BASE}master.m3u8`, height: 240, fetch: playlists }).progressive).toBe(false)
    expect(await startPrefetch({ src: `${BASE}missing.m3u8`, height: 240, fetch: playlists }).progressive).toBe(false)
  })

  it('cancel() aborts what is in flight and forgets the rest', async () => {
    let signal: AbortSignal | undefined
    const fetch = vi.fn((_url: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined
      return new Promise<Response>(() => {})
    }) as unknown as typeof globalThis.fetch
    const prefetch = startPrefetch({ src: `${BASE}master.m3u8`, height: 1, fetch })
    prefetch.cancel()
    expect(signal?.aborted).toBe(true)
    expect(prefetch.take(`${BASE}master.m3u8`, false)).toBeUndefined()
  })
})

describe('warmStart and claimPrefetch', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('a prefetch started before its engine is taken over by the claim, with the claimer’s height', async () => {
    const { fetch, calls } = fakeFetch({ [`${BASE}warm/master.m3u8`]: MASTER })
    vi.stubGlobal('fetch', fetch)
    warmStart({ src: `${BASE}warm/master.m3u8`, bandwidthEstimate: 5_000_000 })
    warmStart({ src: `${BASE}warm/master.m3u8`, bandwidthEstimate: 5_000_000 })
    const prefetch = claimPrefetch({ src: `${BASE}warm/master.m3u8`, bandwidthEstimate: 5_000_000, height: () => 360 })
    expect(await prefetch.startLevel).toBe(1)
    await vi.waitFor(() => expect(calls).toEqual([`${BASE}warm/master.m3u8`, `${BASE}warm/360p/index.m3u8`]))
    expect((await prefetch.take(`${BASE}warm/master.m3u8`, false))?.body).toBe(MASTER)
    // Claimed once: the next engine to load this source fetches for itself.
    claimPrefetch({ src: `${BASE}warm/master.m3u8`, bandwidthEstimate: 5_000_000, height: 360 }).cancel()
    expect(calls.filter((url) => url.endsWith('master.m3u8'))).toHaveLength(2)
  })

  it('a claim with other options starts its own; a prefetch nobody claims is cancelled after 10 s', () => {
    vi.useFakeTimers()
    const signals = stubHangingFetch()
    const src = `${BASE}unclaimed/master.m3u8`
    warmStart({ src, credentials: 'include' })
    const own = claimPrefetch({ src, credentials: 'same-origin', height: 1 })
    expect(signals).toHaveLength(2)
    // Unclaimed for 10 s: dropped (its request had timed out at 5 s), so a late claim fetches anew.
    vi.advanceTimersByTime(10_000)
    expect(signals[0]!.aborted).toBe(true)
    claimPrefetch({ src, credentials: 'include', height: 1 }).cancel()
    expect(signals).toHaveLength(3)
    own.cancel()
    expect(signals[1]!.aborted).toBe(true)
  })

  it('before its claim, a player’s prefetch fetches only the first playlist: a render that never commits costs one request', async () => {
    const { fetch, calls } = fakeFetch({ [`${BASE}uncommitted/master.m3u8`]: MASTER, [`${BASE}uncommitted/240p/index.m3u8`]: VOD })
    vi.stubGlobal('fetch', fetch)
    warmStart({ src: `${BASE}uncommitted/master.m3u8` })
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(calls).toEqual([`${BASE}uncommitted/master.m3u8`])
  })

  it('an eager (hover) prefetch fetches the largest affordable level at once; the claim chooses again for its player', async () => {
    const { fetch, calls } = fakeFetch({ [`${BASE}hover/master.m3u8`]: MASTER, [`${BASE}hover/720p/index.m3u8`]: VOD })
    vi.stubGlobal('fetch', fetch)
    warmStart({ src: `${BASE}hover/master.m3u8`, bandwidthEstimate: 5_000_000 }, { eager: true })
    await vi.waitFor(() => expect(calls).toContain(`${BASE}hover/720p/seg-000.ts`))
    const small = claimPrefetch({ src: `${BASE}hover/master.m3u8`, bandwidthEstimate: 5_000_000, height: 360 })
    expect(await small.startLevel).toBe(1)

    warmStart({ src: `${BASE}hover/master.m3u8`, bandwidthEstimate: 5_000_000 }, { eager: true })
    const large = claimPrefetch({ src: `${BASE}hover/master.m3u8`, bandwidthEstimate: 5_000_000, height: () => 720 })
    expect(await large.startLevel).toBe(2)
    large.cancel()
    small.cancel()
  })

  it('asking again restarts the 10 s; after cancel() no further request leaves', async () => {
    vi.useFakeTimers()
    const { fetch, calls } = fakeFetch({ [`${BASE}again/master.m3u8`]: MASTER })
    vi.stubGlobal('fetch', fetch)
    const src = `${BASE}again/master.m3u8`
    warmStart({ src }, { eager: true })
    await vi.advanceTimersByTimeAsync(9_000)
    warmStart({ src }, { eager: true })
    await vi.advanceTimersByTimeAsync(9_000)
    const prefetch = claimPrefetch({ src, height: 240 })
    expect(calls.filter((url) => url === src)).toHaveLength(1)
    prefetch.cancel()

    const late = startPrefetch({ src, height: 240, fetch })
    late.cancel()
    await vi.advanceTimersByTimeAsync(100)
    expect(calls.filter((url) => !url.endsWith('master.m3u8'))).toEqual([`${BASE}again/240p/index.m3u8`])
  })

  it('a released prefetch goes to a claim in the same task (StrictMode’s second mount); else it is cancelled', async () => {
    const signals = stubHangingFetch()
    const src = `${BASE}released/master.m3u8`
    warmStart({ src })
    const first = claimPrefetch({ src, height: 240 })
    first.release()
    const second = claimPrefetch({ src, height: 240 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(signals).toHaveLength(1)
    expect(signals[0]!.aborted).toBe(false)

    second.release()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(signals[0]!.aborted).toBe(true)
    claimPrefetch({ src, height: 240 }).release()
    expect(signals).toHaveLength(2)
  })

  it('a released prefetch sends nothing new until claimed again: no level playlist leaves after its player is gone', async () => {
    const calls: string[] = []
    let answer!: () => void
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input)
        calls.push(url)
        if (url.endsWith('master.m3u8')) await new Promise<void>((resolve) => (answer = resolve))
        return new Response(url.endsWith('master.m3u8') ? MASTER : VOD)
      }),
    )
    const src = `${BASE}paused/master.m3u8`
    const gone = claimPrefetch({ src, height: 240 })
    gone.release()
    // The playlist arrives after the player let go and before the hand-over window closes.
    answer()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(calls).toEqual([src])

    // Claimed again in the same task as the release: what was held back leaves.
    const kept = claimPrefetch({ src, height: 240 })
    kept.release()
    claimPrefetch({ src, height: 240 })
    answer()
    await vi.waitFor(() => expect(calls).toEqual([src, src, `${BASE}paused/240p/index.m3u8`, `${BASE}paused/240p/seg-000.ts`]))
  })

  it('a handed-over prefetch chooses its start level again for the new claimer’s size', async () => {
    const { fetch } = fakeFetch({ [`${BASE}resized/master.m3u8`]: MASTER })
    vi.stubGlobal('fetch', fetch)
    const options = { src: `${BASE}resized/master.m3u8`, bandwidthEstimate: 5_000_000 }
    const inline = claimPrefetch({ ...options, height: () => 240 })
    expect(await inline.startLevel).toBe(0)
    // The inline player closes and a large one opens on the same source, in the same task.
    inline.release()
    const large = claimPrefetch({ ...options, height: () => 720 })
    expect(await large.startLevel).toBe(2)
    large.release()
  })

  it('StrictMode with two players of one source: both cleanups, then both mounts, fetch the playlist once per player', async () => {
    const { fetch, calls } = fakeFetch({ [`${BASE}two/master.m3u8`]: MASTER })
    vi.stubGlobal('fetch', fetch)
    const src = `${BASE}two/master.m3u8`
    warmStart({ src })
    warmStart({ src })
    const first = [claimPrefetch({ src, height: 240 }), claimPrefetch({ src, height: 240 })]
    for (const prefetch of first) prefetch.release()
    const second = [claimPrefetch({ src, height: 240 }), claimPrefetch({ src, height: 240 })]
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(calls.filter((url) => url === src)).toHaveLength(2)
    for (const prefetch of second) prefetch.release()
  })

  it('a prefetch hls.js took from is not handed over: the next claim fetches afresh', async () => {
    const { fetch, calls } = fakeFetch({ [`${BASE}used/master.m3u8`]: MASTER })
    vi.stubGlobal('fetch', fetch)
    const src = `${BASE}used/master.m3u8`
    const first = claimPrefetch({ src, height: 240 })
    expect((await first.take(src, false))?.body).toBe(MASTER)
    first.release()
    claimPrefetch({ src, height: 240 }).release()
    expect(calls.filter((url) => url === src)).toHaveLength(2)
  })

  it('an intent for a source a player is rendering fetches its start level at once', async () => {
    const { fetch, calls } = fakeFetch({ [`${BASE}upgrade/master.m3u8`]: MASTER, [`${BASE}upgrade/720p/index.m3u8`]: VOD })
    vi.stubGlobal('fetch', fetch)
    const src = `${BASE}upgrade/master.m3u8`
    warmStart({ src, bandwidthEstimate: 5_000_000 })
    warmStart({ src, bandwidthEstimate: 5_000_000 }, { eager: true })
    await vi.waitFor(() => expect(calls).toContain(`${BASE}upgrade/720p/seg-000.ts`))
    // The player that claims it still gets a start level for its own size.
    const claimed = claimPrefetch({ src, bandwidthEstimate: 5_000_000, height: 240 })
    expect(await claimed.startLevel).toBe(0)
    claimed.release()
  })

  it('keeps the last two intents warm: a newer one cancels the oldest nobody claimed; asking again makes one newest', () => {
    const signals = stubHangingFetch()
    const src = (index: number) => `${BASE}intent-${index}/master.m3u8`
    for (const index of [0, 1, 2]) warmStart({ src: src(index) }, { eager: true })
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false, false])
    // Hovering intent 1 again: intent 2 is now the oldest, and goes when intent 3 comes.
    warmStart({ src: src(1) }, { eager: true })
    warmStart({ src: src(3) }, { eager: true })
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false, true, false])
    // A player's own prefetch (not an intent) is never pushed out by intents.
    warmStart({ src: src(9) })
    warmStart({ src: src(4) }, { eager: true })
    warmStart({ src: src(5) }, { eager: true })
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true, true, true, false, false, false])
    // Claims of cancelled intents fetch afresh; the others take what is warm.
    for (const index of [1, 3, 9, 4, 5]) claimPrefetch({ src: src(index), height: 1 }).cancel()
    expect(signals).toHaveLength(9)
  })

  it('does nothing for a source that is not a URL', () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    warmStart({ src: 'http://[bad' })
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('prefetchingLoader', () => {
  class BaseLoader implements Loader<LoaderContext> {
    static loads: string[] = []
    context: LoaderContext | null = null
    stats = { loading: { start: 0, first: 0, end: 0 } } as LoaderStats
    constructor(readonly config: HlsConfig) {}
    load(context: LoaderContext, _config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>) {
      BaseLoader.loads.push(context.url)
      callbacks.onSuccess({ url: context.url, data: 'from network' }, this.stats, context, null)
    }
    abort() {}
    destroy() {}
  }
  const context = (url: string, responseType = 'text'): LoaderContext => ({ url, responseType, type: 'manifest' as LoaderContext['type'] })
  const callbacks = () => ({ onSuccess: vi.fn(), onError: vi.fn(), onTimeout: vi.fn() })

  it('serves a prefetched response with its timings, then sends the same URL to hls.js’s own loader', async () => {
    BaseLoader.loads = []
    const { fetch } = fakeFetch(files)
    const prefetch = startPrefetch({ src: `${BASE}master.m3u8`, height: 240, fetch })
    const Loader = prefetchingLoader(BaseLoader, prefetch)

    const hit = callbacks()
    const first = new Loader({} as HlsConfig)
    first.load(context(`${BASE}master.m3u8`), {} as LoaderConfiguration, hit)
    await vi.waitFor(() => expect(hit.onSuccess).toHaveBeenCalledOnce())
    const [response, stats] = hit.onSuccess.mock.calls[0]!
    expect(response).toMatchObject({ url: `${BASE}master.m3u8`, data: MASTER })
    expect(stats.loaded).toBe(MASTER.length)
    expect(stats.loading.end).toBeGreaterThanOrEqual(stats.loading.start)
    expect(BaseLoader.loads).toEqual([])

    const again = callbacks()
    new Loader({} as HlsConfig).load(context(`${BASE}master.m3u8`), {} as LoaderConfiguration, again)
    expect(again.onSuccess).toHaveBeenCalledWith(expect.objectContaining({ data: 'from network' }), expect.anything(), expect.anything(), null)
    expect(BaseLoader.loads).toEqual([`${BASE}master.m3u8`])
  })

  it('falls through on a failed prefetch and on byte ranges, and stays silent after abort', async () => {
    BaseLoader.loads = []
    const { fetch } = fakeFetch({ ...files, [`${BASE}240p/index.m3u8`]: 500 })
    const prefetch = startPrefetch({ src: `${BASE}master.m3u8`, height: 240, fetch })
    await prefetch.startLevel
    const Loader = prefetchingLoader(BaseLoader, prefetch)

    const failed = callbacks()
    new Loader({} as HlsConfig).load(context(`${BASE}240p/index.m3u8`), {} as LoaderConfiguration, failed)
    await vi.waitFor(() => expect(failed.onSuccess).toHaveBeenCalledOnce())
    expect(failed.onSuccess.mock.calls[0]![0].data).toBe('from network')

    const aborted = callbacks()
    const loader = new Loader({} as HlsConfig)
    loader.load(context(`${BASE}master.m3u8`), {} as LoaderConfiguration, aborted)
    loader.abort()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(aborted.onSuccess).not.toHaveBeenCalled()

    const ranged = callbacks()
    new Loader({} as HlsConfig).load({ ...context(`${BASE}x.ts`, 'arraybuffer'), rangeStart: 0, rangeEnd: 10 }, {} as LoaderConfiguration, ranged)
    expect(BaseLoader.loads).toEqual([`${BASE}240p/index.m3u8`, `${BASE}x.ts`])
  })
})
