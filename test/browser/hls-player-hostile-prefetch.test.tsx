import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { delay, http, HttpResponse, passthrough } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import { StrictMode } from 'react'
import { liveHlsInstances, preloadHls } from '../../src/components/hls-player/hls-engine.js'
import { HlsPlayer } from '../../src/components/hls-player/hls-player.js'
import { StreamCard } from '../../src/components/stream-card/stream-card.js'
import { StreamPlayer } from '../../src/components/stream-player/stream-player.js'
import { HotMicProvider } from '../../src/hooks/provider.js'
import { makeStream } from '../../src/testing/fixtures.js'
import { expectPlaying, LADDER, MP4, POLL, render, resourceEntries, sleep, startMockWorkerPerTest } from './hls-player-harness.js'

// Probes for the start prefetch and the hover-warm path (preloadHls).
const worker = startMockWorkerPerTest()


describe('hostile: redirects and the prefetch', () => {
  it('hover (preloadHls) on a redirecting playlist, then the player: it plays', async () => {
    worker.use(http.get('/redir2/master.m3u8', () => HttpResponse.redirect(`${location.origin}${LADDER}`, 302)))
    await preloadHls('/redir2/master.m3u8')
    await sleep(300)
    const onError = vi.fn()
    const video = render(<HlsPlayer src="/redir2/master.m3u8" autoPlay="muted" onError={onError} />)
    await expectPlaying(video)
    expect(onError).not.toHaveBeenCalled()
  }, 60_000)
})

describe('hostile: start level chosen by the prefetch vs the level hls.js plays', () => {
  // hls.js drops audio-only variants when video variants exist, and merges redundant (backup)
  // variants into pathways; parseVariants() counts them all, so its index points at another level.
  const masters = {
    'audio-only variant first': [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2"',
      '240p/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=421872,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2"',
      '240p/index.m3u8?v',
      '#EXT-X-STREAM-INF:BANDWIDTH=770800,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"',
      '360p/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=1629584,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"',
      '720p/index.m3u8',
    ],
    'redundant backup variants': [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:BANDWIDTH=421872,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2"',
      '240p/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=770800,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"',
      '360p/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=1629584,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"',
      '720p/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=421872,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2"',
      '240p/index.m3u8?backup',
      '#EXT-X-STREAM-INF:BANDWIDTH=770800,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"',
      '360p/index.m3u8?backup',
      '#EXT-X-STREAM-INF:BANDWIDTH=1629584,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"',
      '720p/index.m3u8?backup',
    ],
  }
  it.each(Object.keys(masters) as (keyof typeof masters)[])('%s: a 240-px player starts at 240p from the prefetch, nothing fetched twice or wasted', async (name) => {
    const body = masters[name].join('\n')
    worker.use(http.get('/media/ladder/odd-master.m3u8', () => new HttpResponse(body, { headers: { 'content-type': 'application/vnd.apple.mpegurl' } })))
    const since = performance.now()
    const video = render(<HlsPlayer src="/media/ladder/odd-master.m3u8" autoPlay="muted" style={{ width: 426, height: 240 }} />)
    await expectPlaying(video)
    const first = (level: string) => resourceEntries(since, (p) => p === `/media/ladder/${level}/seg-000.ts`).length
    // As with the plain ladder (see hls-player.test.tsx): 240p's first segment once, nothing above it.
    expect(first('240p')).toBe(1)
    expect(first('360p')).toBe(0)
    expect(first('720p')).toBe(0)
  }, 60_000)
})

describe('hostile: hover storms', () => {
  it('sweeping over 20 cards in 200 ms does not download 20 first segments nobody plays', async () => {
    // A playlist takes 100 ms, as over a network: the local server alone answers faster than the sweep moves on.
    worker.use(
      http.get('/media/ladder/master.m3u8', async () => {
        await delay(100)
        return passthrough()
      }),
    )
    const since = performance.now()
    for (let i = 0; i < 20; i++) {
      void preloadHls(`${LADDER}?card=${i}`)
      await sleep(10)
    }
    await sleep(3000)
    const segments = resourceEntries(since, (p) => p.endsWith('.ts'))
    expect(segments.length).toBeLessThanOrEqual(3)
  })

  it('keyboard users arrowing through 20 cards (onIntent = preloadHls, as documented) do not download 20 first segments', async () => {
    const streams = Array.from({ length: 20 }, (_, i) => makeStream({ state: 'VOD', video_url: `${LADDER}?kbd=${i}` }))
    render(
      <div>
        <video />
        {streams.map((stream) => (
          <StreamCard key={stream.id} stream={stream} href={`/watch/${stream.id}`} onIntent={(s) => void preloadHls(s.video_url)} />
        ))}
      </div>,
    )
    const since = performance.now()
    for (const link of document.querySelectorAll<HTMLElement>('a.hm-card__target')) {
      link.focus()
      await sleep(30)
    }
    await sleep(3000)
    const segments = resourceEntries(since, (p) => p.endsWith('.ts'))
    expect(segments.length).toBeLessThanOrEqual(3)
  })

  it('hover then never mount: nothing is requested after the hover settles, and nothing is kept past 10 s', async () => {
    await preloadHls(`${LADDER}?lonely`)
    await sleep(1000)
    const settled = performance.now()
    await sleep(11_000)
    expect(resourceEntries(settled, (p) => p.startsWith('/media/')).length).toBe(0)
    // A player mounted after the 10 s window fetches the start again (the hover's was dropped) and plays.
    const video = render(<HlsPlayer src={`${LADDER}?lonely`} autoPlay="muted" />)
    await expectPlaying(video)
  }, 40_000)
})

describe('hostile: hover then StrictMode mount', () => {
  it('preloadHls, then a StrictMode player: each start file fetched once, one instance', async () => {
    const since = performance.now()
    const count = (path: string) => resourceEntries(since, (p) => p === path).length
    await preloadHls(`${LADDER}`)
    await expect.poll(() => count('/media/ladder/240p/seg-000.ts'), POLL).toBe(1)
    const video = render(
      <StrictMode>
        <HlsPlayer src={LADDER} autoPlay="muted" style={{ width: 426, height: 240 }} />
      </StrictMode>,
    )
    await expectPlaying(video)
    expect(count('/media/ladder/master.m3u8')).toBe(1)
    expect(count('/media/ladder/240p/index.m3u8')).toBe(1)
    expect(count('/media/ladder/240p/seg-000.ts')).toBe(1)
    expect(liveHlsInstances()).toBe(1)
  })
})

describe('hostile: StreamPlayer', () => {
  function renderStream(ui: React.ReactNode) {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    return render(
      <QueryClientProvider client={queryClient}>
        <HotMicProvider client={createHotMicClient({ retry: false })}>{ui}</HotMicProvider>
      </QueryClientProvider>,
    )
  }

  it('a VOD with only an MP4 (no HLS url) plays the MP4 without first downloading it as a "playlist"', async () => {
    const stream = makeStream({ state: 'VOD', video_url: undefined, video_mp4_url: MP4 })
    const since = performance.now()
    const video = renderStream(<StreamPlayer stream={stream} />)
    await expectPlaying(video)
    const mp4 = resourceEntries(since, (p) => p === MP4)
    // Only the <video> element should fetch the MP4; fetch()/XHR reading it whole as text is waste
    // (and on a multi-GB replay, a multi-GB download before playback starts).
    expect(mp4.filter((e) => e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest')).toEqual([])
    expect(video.dataset.engine).toBe('progressive')
  }, 60_000)

  it('an MP4 at a URL with no extension plays with the element once the prefetch sees its type, read once', async () => {
    const bytes = await (await fetch(MP4)).arrayBuffer()
    let requests = 0
    worker.use(
      http.get('/download/replay', () => {
        requests++
        return new HttpResponse(bytes, { headers: { 'content-type': 'video/mp4' } })
      }),
    )
    const video = render(<HlsPlayer src="/download/replay" autoPlay="muted" />)
    await expectPlaying(video)
    expect(video.dataset.engine).toBe('progressive')
    // The prefetch's request, stopped at its headers, and the element's.
    expect(requests).toBeLessThanOrEqual(2)
  }, 60_000)

  it('a VOD with an unsafe HLS url and an MP4 plays the MP4 directly', async () => {
    const stream = makeStream({ state: 'VOD', video_url: 'javascript:alert(1)', video_mp4_url: MP4 })
    const since = performance.now()
    const video = renderStream(<StreamPlayer stream={stream} />)
    await expectPlaying(video)
    expect(resourceEntries(since, (p) => p === MP4).filter((e) => e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest')).toEqual([])
  }, 60_000)

  it('a LIVE stream with an unsafe or empty url is "unavailable", no requests', async () => {
    for (const url of ['javascript:alert(1)', '', '   ']) {
      const since = performance.now()
      const queryClient = new QueryClient()
      const container = document.createElement('div')
      document.body.append(container)
      const { createRoot } = await import('react-dom/client')
      const { flushSync } = await import('react-dom')
      const root = createRoot(container)
      flushSync(() =>
        root.render(
          <QueryClientProvider client={queryClient}>
            <HotMicProvider client={createHotMicClient({ retry: false })}>
              <StreamPlayer stream={makeStream({ state: 'LIVE', video_url: url })} />
            </HotMicProvider>
          </QueryClientProvider>,
        ),
      )
      expect(container.querySelector('.hm-stream-player')?.getAttribute('data-state')).toBe('unavailable')
      await sleep(200)
      expect(resourceEntries(since, (p) => /\.(m3u8|ts|mp4)$/.test(p)).length).toBe(0)
      flushSync(() => root.unmount())
      container.remove()
    }
  })

  it('a VOD whose video_url is HTML and MP4 fallback: falls back and plays', async () => {
    worker.use(http.get('/html/vod.m3u8', () => HttpResponse.html('<html>nope</html>')))
    const video = renderStream(<StreamPlayer stream={makeStream({ state: 'VOD', video_url: '/html/vod.m3u8', video_mp4_url: MP4 })} />)
    await expectPlaying(video)
    expect(video.dataset.engine).toBe('fallback')
  }, 60_000)
})

