import Hls from 'hls.js'
import { http, HttpResponse, passthrough } from 'msw'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { liveHlsInstances } from '../../src/components/hls-player/hls-engine.js'
import { HlsPlayer } from '../../src/components/hls-player/hls-player.js'
import { expectPlaying, host, LADDER, MP4, mediaRequests, POLL, render, sleep, startMockWorkerPerTest } from './hls-player-harness.js'

// Hostile-input probes for HlsPlayer. Everything is served locally (Vite) or by MSW.
const worker = startMockWorkerPerTest()

const LONG = { ...POLL, timeout: 60_000 }
const alert = () => host().querySelector('[role="alert"]')

describe('hostile: bad src values', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \u00a0\u2003 '],
    ['javascript:', 'javascript:alert(1)'],
    ['padded JavaScript:', '\u00a0 JaVaScRiPt:alert(1)'],
    ['data:', 'data:application/vnd.apple.mpegurl;base64,I0VYVE0zVQ=='],
    ['blob:', 'blob:http://localhost/abc'],
    ['vbscript', 'vbscript:msgbox(1)'],
  ])('%s src stays idle, fetches nothing, creates no hls.js', async (_name, src) => {
    const video = render(<HlsPlayer src={src} autoPlay="muted" />)
    await sleep(800)
    expect(video.dataset.state).toBe('idle')
    expect(video.getAttribute('src')).toBeNull()
    expect(liveHlsInstances()).toBe(0)
    expect(alert()).toBeNull()
  })

  it('a src padded with Unicode spaces plays', async () => {
    const video = render(<HlsPlayer src={`\u00a0\u2003\ufeff${LADDER}\u3000\u2028`} autoPlay="muted" />)
    await expectPlaying(video)
  })

  it('a very long URL (16k query) plays', async () => {
    const video = render(<HlsPlayer src={`${LADDER}?pad=${'x'.repeat(16_000)}`} autoPlay="muted" />)
    await expectPlaying(video)
  })
})

describe('hostile: hostile origins', () => {
  it('a playlist behind a 302 redirect plays (variant URIs resolve against the final URL)', async () => {
    // Control: the same redirect with hls.js's own loader (prefetch off) — see next test.
    worker.use(http.get('/redir/master.m3u8', () => HttpResponse.redirect(`${location.origin}${LADDER}`, 302)))
    const onError = vi.fn()
    const video = render(<HlsPlayer src="/redir/master.m3u8" autoPlay="muted" onError={onError} />)
    await expectPlaying(video)
    expect(onError).not.toHaveBeenCalled()
  }, 60_000)

  it('control: the same redirect plays when the prefetch is off (hls.js own loader)', async () => {
    worker.use(http.get('/redir/master.m3u8', () => HttpResponse.redirect(`${location.origin}${LADDER}`, 302)))
    const onError = vi.fn()
    const video = render(<HlsPlayer src="/redir/master.m3u8" autoPlay="muted" onError={onError} hlsConfig={{ loader: Hls.DefaultConfig.loader }} />)
    await expectPlaying(video)
    expect(onError).not.toHaveBeenCalled()
  }, 60_000)

  it('a URL that answers HTML ends in an error whose message does not blame the browser', async () => {
    worker.use(http.get('/html/master.m3u8', () => HttpResponse.html('<!doctype html><title>Login</title><p>Please sign in</p>')))
    const onError = vi.fn()
    const video = render(<HlsPlayer src="/html/master.m3u8" autoPlay="muted" onError={onError} />)
    await expect.poll(() => video.dataset.state, LONG).toBe('error')
    expect(onError).toHaveBeenCalledOnce()
    // The browser can play HLS fine; the source is not a playlist. Telling the user
    // "This browser cannot play this stream." sends them to switch browsers for nothing.
    expect(alert()?.textContent).not.toMatch(/this browser cannot/i)
  }, 60_000)

  it('a 200 of random bytes ends in an error, no live instance', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 251)
    worker.use(http.get('/garbage/master.m3u8', () => new HttpResponse(bytes, { headers: { 'content-type': 'application/vnd.apple.mpegurl' } })))
    const video = render(<HlsPlayer src="/garbage/master.m3u8" autoPlay="muted" />)
    await expect.poll(() => video.dataset.state, LONG).toBe('error')
    expect(liveHlsInstances()).toBe(0)
  }, 60_000)

  it('"#EXTM3U" and nothing else ends in an error, not loading forever', async () => {
    worker.use(http.get('/empty/master.m3u8', () => new HttpResponse('#EXTM3U\n', { headers: { 'content-type': 'application/vnd.apple.mpegurl' } })))
    const video = render(<HlsPlayer src="/empty/master.m3u8" autoPlay="muted" />)
    await expect.poll(() => video.dataset.state, { ...LONG, timeout: 90_000 }).toBe('error')
    expect(liveHlsInstances()).toBe(0)
  }, 100_000)

  it('a master playlist whose variants all 404 ends in an error within a minute', async () => {
    const master = [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:BANDWIDTH=421872,RESOLUTION=426x240,CODECS="avc1.4d401e,mp4a.40.2"',
      'v240/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=770800,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"',
      'v360/index.m3u8',
    ].join('\n')
    let variantHits = 0
    worker.use(
      http.get('/dead/master.m3u8', () => new HttpResponse(master, { headers: { 'content-type': 'application/vnd.apple.mpegurl' } })),
      http.get(/\/dead\/v\d+\/index\.m3u8$/, () => {
        variantHits++
        return new HttpResponse(null, { status: 404 })
      }),
    )
    const onError = vi.fn()
    const video = render(<HlsPlayer src="/dead/master.m3u8" autoPlay="muted" onError={onError} />)
    await expect.poll(() => video.dataset.state, { ...LONG, timeout: 60_000 }).toBe('error')
    expect(onError).toHaveBeenCalledOnce()
    expect(variantHits).toBeGreaterThan(0)
    expect(liveHlsInstances()).toBe(0)
    const at = performance.now()
    await sleep(3000)
    expect(mediaRequests('/dead/', at)).toBe(0)
  }, 80_000)

  it.each(['seg-000', 'seg-002'])('a corrupt %s (200, random bytes) is skipped or reported, never stuck', async (seg) => {
    const bytes = new Uint8Array(188 * 200).map((_, i) => (i * 2654435761) % 256)
    worker.use(http.get(new RegExp(`/media/ladder/\\d+p/${seg}\\.ts$`), () => new HttpResponse(bytes, { headers: { 'content-type': 'video/mp2t' } })))
    const onError = vi.fn()
    const video = render(<HlsPlayer src={LADDER} autoPlay="muted" onError={onError} />)
    await expect
      .poll(() => video.dataset.state === 'error' || video.currentTime > 7, { ...LONG, timeout: 60_000 })
      .toBe(true)
  }, 80_000)

  it('a segment that 404s for good mid-VOD: the player falls back to the MP4 (or errors), it does not buffer forever', async () => {
    // hls.js keeps retrying the fragment as a non-fatal error; the engine only acts on fatal errors.
    worker.use(http.get(/\/media\/ladder\/\d+p\/seg-001\.ts$/, () => new HttpResponse(null, { status: 404 })))
    const onError = vi.fn()
    const video = render(<HlsPlayer src={LADDER} fallbackSrc={MP4} autoPlay="muted" onError={onError} />)
    await expect
      .poll(() => video.dataset.engine === 'fallback' || video.dataset.state === 'error' || video.currentTime > 5, { ...LONG, timeout: 60_000 })
      .toBe(true)
  }, 80_000)

  it('a fallback MP4 that 404s: the error does not blame the browser', async () => {
    worker.use(
      http.get('/gone/master.m3u8', () => HttpResponse.html('<p>gone</p>')),
      http.get('/gone/vod.mp4', () => new HttpResponse(null, { status: 404 })),
    )
    const onError = vi.fn()
    const video = render(<HlsPlayer src="/gone/master.m3u8" fallbackSrc="/gone/vod.mp4" autoPlay="muted" onError={onError} />)
    await expect.poll(() => video.dataset.state, LONG).toBe('error')
    expect(alert()?.textContent).not.toMatch(/this browser cannot/i)
  }, 60_000)

  it('passthrough sanity', async () => {
    worker.use(http.get('/nothing', () => passthrough()))
    expect(true).toBe(true)
  })
})

describe('hostile: a playlist that never answers', () => {
  it('ends in an error once hls.js has given up, with no further tries of the engine’s own', async () => {
    let requests = 0
    // Held until the test ends (not delay('infinite'): a response pending for good kept Vitest from exiting).
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    worker.use(
      http.get('/hang/master.m3u8', async () => {
        requests++
        await held
        return new HttpResponse(null, { status: 504 })
      }),
    )
    onTestFinished(release)
    // hls.js's policy shortened to two tries of 1 s (its default is three of 20 s); the engine's
    // prefetch gives up at 5 s. Before, each of the engine's three retries was another whole policy.
    const policy = { default: { maxTimeToFirstByteMs: Infinity, maxLoadTimeMs: 1000, timeoutRetry: { maxNumRetry: 1, retryDelayMs: 0, maxRetryDelayMs: 0 }, errorRetry: null } }
    const onError = vi.fn()
    const video = render(<HlsPlayer src="/hang/master.m3u8" autoPlay="muted" hlsConfig={{ manifestLoadPolicy: policy }} onError={onError} />)
    await expect.poll(() => video.dataset.state, LONG).toBe('error')
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'network', details: 'manifestLoadTimeOut' }))
    // The prefetch's request and hls.js's two.
    expect(requests).toBe(3)
    await sleep(3000)
    expect(requests).toBe(3)
    expect(liveHlsInstances()).toBe(0)
  }, 60_000)
})
