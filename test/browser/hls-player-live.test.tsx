import { http, passthrough, HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { liveHlsInstances, preloadHls } from '../../src/components/hls-player/hls-engine.js'
import { HlsPlayer } from '../../src/components/hls-player/hls-player.js'
import { createLiveOrigin, type LiveOrigin } from '../../src/testing/media/live-origin.js'
import { CAPTIONS, expectPlaying, host, LADDER, mediaRequests, MP4, POLL, PORTRAIT, render, rerender, SHORT_BUFFER, sleep, unmount, startMockWorker } from './hls-player-harness.js'

const worker = startMockWorker()

let origin: LiveOrigin
beforeEach(() => {
  performance.setResourceTimingBufferSize(10_000)
  performance.clearResourceTimings()
  origin = createLiveOrigin()
  worker.use(...origin.handlers)
})

afterEach(() => {
  unmount()
  worker.resetHandlers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const badge = () => host().querySelector('.hm-player__live')

describe('HlsPlayer with the live origin in Chromium', () => {
  it('after preloadHls() the player fetches no hls.js chunk of its own', async () => {
    const isHlsChunk = (entry: PerformanceEntry) => /hls/.test(new URL(entry.name).pathname) && /\.m?js$/.test(new URL(entry.name).pathname)
    await preloadHls()
    const preloaded = performance.getEntriesByType('resource').filter(isHlsChunk).length
    expect(preloaded).toBeGreaterThan(0)
    const since = performance.now()
    const video = render(<HlsPlayer src={LADDER} autoPlay="muted" />)
    await expectPlaying(video)
    expect(performance.getEntriesByType('resource').filter((entry) => entry.startTime >= since && isHlsChunk(entry))).toEqual([])
  })

  it('plays a live stream: LIVE badge, no total time, then LIVE → ended when the origin ends it', async () => {
    const states: string[] = []
    const video = render(<HlsPlayer src={origin.url('ladder')} autoPlay="muted" onStateChange={(state) => states.push(state)} />)
    await expectPlaying(video)
    expect(video.dataset.live).toBe('')
    expect(badge()?.textContent).toBe('Live')
    expect(video.duration).toBe(Infinity)
    expect(liveHlsInstances()).toBe(1)

    origin.end('ladder')
    await expect.poll(() => video.dataset.state, { ...POLL, timeout: 40_000 }).toBe('ended')
    expect(badge()).toBeNull()
    expect(states.at(-1)).toBe('ended')
  })

  it('plays the portrait stream live in a 9:16 box set before any video loads', async () => {
    const video = render(<HlsPlayer src={origin.url('portrait')} orientation="portrait" autoPlay="muted" />)
    const frame = host().querySelector<HTMLElement>('.hm-player-frame')!
    expect(frame.style.aspectRatio).toBe('9 / 16')
    expect(frame.dataset.orientation).toBe('portrait')
    await expectPlaying(video)
    expect(video.videoHeight).toBeGreaterThan(video.videoWidth)
  })

  it('a live playlist that 404s shows "Waiting for the stream", keeps asking, and plays once it appears', async () => {
    origin.stop('ladder')
    const onError = vi.fn()
    const video = render(<HlsPlayer src={origin.url('ladder')} autoPlay="muted" waitForStream={60_000} onError={onError} />)
    await expect.poll(() => host().querySelector('[role="status"]')?.textContent, POLL).toBe('Waiting for the stream…')
    expect(video.dataset.state).toBe('loading')
    origin.restart('ladder')
    await expectPlaying(video)
    // The live region stays, empty, for the next announcement.
    expect(host().querySelector('[role="status"]')?.textContent).toBe('')
    expect(onError).not.toHaveBeenCalled()
  })

  it('survives a segment that 404s mid-stream', async () => {
    let failed = 0
    worker.use(
      http.get(/\/media\/ladder\/\d+p\/seg-002\.ts$/, () => {
        failed++
        return failed <= 2 ? new HttpResponse(null, { status: 404 }) : passthrough()
      }),
    )
    const onError = vi.fn()
    const video = render(<HlsPlayer src={LADDER} autoPlay="muted" onError={onError} />)
    await expectPlaying(video)
    // Segment 2 covers 4–6 s: playing past it means the gap was recovered.
    await expect.poll(() => video.currentTime, { ...POLL, timeout: 40_000 }).toBeGreaterThan(6.5)
    expect(failed).toBeGreaterThan(0)
    expect(onError).not.toHaveBeenCalled()
    expect(video.dataset.state).toBe('playing')
  })

  it('a fatal failure falls back to the MP4, which plays; onError is not called', async () => {
    worker.use(http.get('/media/broken/master.m3u8', () => new HttpResponse('not a playlist', { status: 500 })))
    const onError = vi.fn()
    const video = render(<HlsPlayer src="/media/broken/master.m3u8" fallbackSrc={MP4} autoPlay="muted" onError={onError} />)
    await expect.poll(() => video.dataset.engine, { ...POLL, timeout: 40_000 }).toBe('fallback')
    expect(new URL(video.currentSrc).pathname).toBe(MP4)
    await expectPlaying(video)
    expect(liveHlsInstances()).toBe(0)
    expect(onError).not.toHaveBeenCalled()
  })

  it('after giving up without a fallback: an error overlay whose "Try again" loads the source again', async () => {
    origin.stop('ladder')
    const onError = vi.fn()
    const video = render(<HlsPlayer src={origin.url('ladder')} autoPlay="muted" onError={onError} />)
    const alert = () => host().querySelector('[role="alert"]')
    await expect.poll(() => video.dataset.state, { ...POLL, timeout: 40_000 }).toBe('error')
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'network' }))
    expect(alert()?.textContent).toContain('could not be played')
    origin.restart('ladder')
    host().querySelector<HTMLButtonElement>('button')!.click()
    await expectPlaying(video)
    expect(alert()).toBeNull()
    expect(onError).toHaveBeenCalledOnce()
  })

  it.each(['hls.js', 'native'] as const)('captions show with %s', async (engine) => {
    // Chromium can also play HLS itself: without MediaSource the engine picks native HLS, as on iOS.
    if (engine === 'native') vi.stubGlobal('MediaSource', undefined)
    const video = render(
      <HlsPlayer src={LADDER} autoPlay="muted" captions={[{ src: CAPTIONS, srcLang: 'en', label: 'English', default: true }]} />,
    )
    await expectPlaying(video)
    expect(video.dataset.engine).toBe(engine)
    const track = video.textTracks[0]!
    expect(track.mode).toBe('showing')
    await expect.poll(() => (track.activeCues?.[0] as VTTCue | undefined)?.text, POLL).toMatch(/^Segment \d+ of the HotMic test stream$/)
  })

  it('plays the MP4 given as fallback where HLS cannot play at all', async () => {
    vi.stubGlobal('MediaSource', undefined)
    vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('')
    const video = render(<HlsPlayer src={PORTRAIT} fallbackSrc={MP4} autoPlay="muted" />)
    await expectPlaying(video)
    expect(video.dataset.engine).toBe('fallback')
  })

  it('100 mount / source-change / unmount cycles leave no live instance and no requests after the last unmount', async () => {
    const sources = [LADDER, PORTRAIT, origin.url('ladder'), origin.url('portrait')]
    for (let cycle = 0; cycle < 100; cycle++) {
      render(<HlsPlayer src={sources[cycle % 4]} autoPlay="muted" hlsConfig={SHORT_BUFFER} />)
      // Every few cycles let hls.js get going (import resolved, requests in flight) before tearing down.
      if (cycle % 10 === 0) await sleep(50)
      rerender(<HlsPlayer src={sources[(cycle + 1) % 4]} autoPlay="muted" hlsConfig={SHORT_BUFFER} />)
      if (cycle % 10 === 5) await sleep(50)
      unmount()
      expect(liveHlsInstances()).toBe(0)
    }
    const lastUnmount = performance.now()
    await sleep(2500)
    expect(liveHlsInstances()).toBe(0)
    expect(mediaRequests('/media/', lastUnmount)).toBe(0)
    expect(mediaRequests('/live/', lastUnmount)).toBe(0)
  })
})
