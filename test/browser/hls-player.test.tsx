import type Hls from 'hls.js'
import { createRef, StrictMode, Suspense } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { liveHlsInstances, preloadHls } from '../../src/components/hls-player/hls-engine.js'
import { HlsPlayer, type HlsPlayerProps, type HlsPlayerState } from '../../src/components/hls-player/hls-player.js'
import { expectPlaying, host, LADDER, mediaRequests, POLL, PORTRAIT, render, rerender, resourceEntries, SHORT_BUFFER, sleep, unmount } from './hls-player-harness.js'

/**
 * Spies on `HTMLMediaElement.prototype.play`: call `n` rejects with `reject(n)` when that returns an
 * error, else really plays. Returns `muted` as it was at each call.
 */
function spyOnPlay(reject: (call: number) => DOMException | undefined): boolean[] {
  const real = HTMLMediaElement.prototype.play
  const mutedAtCall: boolean[] = []
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    const error = reject(mutedAtCall.length)
    mutedAtCall.push(this.muted)
    return error ? Promise.reject(error) : real.call(this)
  })
  return mutedAtCall
}

beforeEach(() => {
  performance.setResourceTimingBufferSize(10_000)
  performance.clearResourceTimings()
})

afterEach(() => {
  unmount()
  vi.restoreAllMocks()
})

// As the README shows it: hls.js ships no types for its light build, whose API is hls.js's.
const loadLightHls = (): Promise<{ default: typeof Hls }> =>
  // @ts-expect-error TS7016, no declaration file for 'hls.js/light'
  import('hls.js/light')

describe('HlsPlayer in Chromium', () => {
  it('plays with hls.js/light given as `hls` (a third smaller), the start prefetch included', async () => {
    const loaded = vi.fn(loadLightHls)
    const video = render(<HlsPlayer src={LADDER} autoPlay="muted" hls={loaded} style={{ width: 426, height: 240 }} />)
    await expectPlaying(video)
    expect(loaded).toHaveBeenCalledOnce()
    expect(video.dataset.engine).toBe('hls.js')
    // The prefetch served hls.js: the start level's first segment was fetched once.
    expect(resourceEntries(0, (path) => path.endsWith('/240p/seg-000.ts'))).toHaveLength(1)
  })

  it('plays the ladder muted through hls.js, then unmount releases everything and the network goes quiet', async () => {
    const states: HlsPlayerState[] = []
    const onError = vi.fn()
    const video = render(
      <HlsPlayer src={LADDER} autoPlay="muted" hlsConfig={SHORT_BUFFER} onError={onError} onStateChange={(state) => states.push(state)} />,
    )
    expect(video.dataset.state).toBe('loading')
    expect(video.controls).toBe(true)
    expect(video.playsInline).toBe(true)
    expect(video.muted).toBe(true)
    expect(video.classList.contains('hm-player')).toBe(true)

    await expectPlaying(video)
    expect(video.dataset.engine).toBe('hls.js')
    expect(video.getAttribute('src')).toMatch(/^blob:/)
    expect(liveHlsInstances()).toBe(1)
    expect(states[0]).toBe('loading')
    expect(states).toContain('playing')
    expect(onError).not.toHaveBeenCalled()
    expect(mediaRequests()).toBeGreaterThan(0)

    unmount()
    expect(liveHlsInstances()).toBe(0)
    expect(video.hasAttribute('src')).toBe(false)
    expect(video.querySelector('source')).toBeNull()
    const unmountedAt = performance.now()
    await sleep(2500)
    expect(mediaRequests('/media/', unmountedAt)).toBe(0)
  })

  it('switching src from the ladder to the portrait ends with one live instance playing the portrait', async () => {
    const video = render(<HlsPlayer src={LADDER} autoPlay="muted" hlsConfig={SHORT_BUFFER} />)
    await expectPlaying(video)
    expect(video.videoWidth).toBeGreaterThan(video.videoHeight)

    rerender(<HlsPlayer src={PORTRAIT} autoPlay="muted" hlsConfig={SHORT_BUFFER} />)
    expect(video.dataset.state).toBe('loading')
    await expect.poll(() => video.videoHeight > video.videoWidth && video.videoWidth > 0, POLL).toBe(true)
    expect(video.videoWidth).toBe(360)
    expect(video.videoHeight).toBe(640)
    const switchedAt = performance.now()
    await expectPlaying(video)
    expect(liveHlsInstances()).toBe(1)
    expect(video.dataset.engine).toBe('hls.js')
    expect(mediaRequests('/media/ladder/', switchedAt)).toBe(0)
    expect(mediaRequests('/media/portrait/')).toBeGreaterThan(0)
  })

  it('is StrictMode-safe: mount, unmount, mount ends with one live instance that plays, each start file fetched once', async () => {
    const since = performance.now()
    const ref = createRef<HTMLVideoElement>()
    const video = render(
      <StrictMode>
        <HlsPlayer ref={ref} src={LADDER} autoPlay="muted" style={{ width: 426, height: 240 }} />
      </StrictMode>,
    )
    expect(ref.current).toBe(video)
    await expectPlaying(video)
    expect(liveHlsInstances()).toBe(1)
    // The first mount's prefetch goes to the second: nothing is fetched twice.
    const count = (path: string) => resourceEntries(since, (entryPath) => entryPath === path).length
    expect(count('/media/ladder/master.m3u8')).toBe(1)
    expect(count('/media/ladder/240p/index.m3u8')).toBe(1)
    expect(count('/media/ladder/240p/seg-000.ts')).toBe(1)
    unmount()
    expect(liveHlsInstances()).toBe(0)
    expect(ref.current).toBeNull()
  })

  it('autoPlay="any" retries muted after NotAllowedError', async () => {
    const mutedAtCall = spyOnPlay((call) => (call === 0 ? new DOMException('needs a user gesture', 'NotAllowedError') : undefined))
    const video = render(<HlsPlayer src={LADDER} autoPlay="any" />)
    expect(video.muted).toBe(false)
    await expectPlaying(video)
    // Later calls come from hls.js itself (it resumes after a 'play' event).
    expect(mutedAtCall.slice(0, 2)).toEqual([false, true])
    expect(video.muted).toBe(true)
  })

  it('autoPlay="any" with sound allowed plays unmuted', async () => {
    const video = render(<HlsPlayer src={LADDER} autoPlay="any" />)
    await expectPlaying(video)
    expect(video.muted).toBe(false)
  })

  it('an AbortError from play() is ignored: no unhandled rejection, never muted', async () => {
    const mutedAtCall = spyOnPlay(() => new DOMException('interrupted', 'AbortError'))
    const video = render(<HlsPlayer src={LADDER} autoPlay="any" />)
    await expect.poll(() => video.dataset.state, POLL).toBe('paused')
    await sleep(300)
    expect(mutedAtCall).toEqual([false])
    expect(video.muted).toBe(false)
  })

  it('autoPlay={true} refused by the browser stays paused and unmuted', async () => {
    const mutedAtCall = spyOnPlay(() => new DOMException('no', 'NotAllowedError'))
    const video = render(<HlsPlayer src={LADDER} autoPlay />)
    await expect.poll(() => video.dataset.state, POLL).toBe('paused')
    await sleep(300)
    expect(mutedAtCall).toEqual([false])
    expect(video.muted).toBe(false)
  })

  it('without autoPlay it loads and waits paused; play() then plays', async () => {
    const video = render(<HlsPlayer src={LADDER} muted />)
    await expect.poll(() => video.dataset.state, POLL).toBe('paused')
    expect(video.dataset.engine).toBe('hls.js')
    await video.play()
    await expectPlaying(video)
    video.pause()
    await expect.poll(() => video.dataset.state, POLL).toBe('paused')
  })

  it('forwards a callback ref and spreads rest props onto the one <video>', () => {
    let node: HTMLVideoElement | null = null
    const props: HlsPlayerProps = { id: 'main-player', className: 'mine', 'aria-label': 'Live stream', controls: false }
    const video = render(
      <HlsPlayer
        {...props}
        ref={(element) => {
          node = element
        }}
      />,
    )
    expect(node).toBe(video)
    expect(host().querySelectorAll('video')).toHaveLength(1)
    expect(video.childElementCount).toBe(0)
    expect(video.id).toBe('main-player')
    expect(video.className).toBe('hm-player mine')
    expect(video.getAttribute('aria-label')).toBe('Live stream')
    expect(video.controls).toBe(false)
    expect(video.dataset.state).toBe('idle')
    expect(video.dataset.engine).toBe('none')
    unmount()
    expect(node).toBeNull()
  })

  it('drops javascript: and data: URLs for src and poster', async () => {
    const video = render(<HlsPlayer src="javascript:alert(1)" poster="data:image/png;base64,AAAA" />)
    await sleep(200)
    expect(video.hasAttribute('src')).toBe(false)
    expect(video.hasAttribute('poster')).toBe(false)
    expect(video.dataset.state).toBe('idle')
    expect(liveHlsInstances()).toBe(0)
    rerender(<HlsPlayer src="javascript:alert(1)" poster="/media/thumbnails/x.jpg" />)
    expect(video.getAttribute('poster')).toBe('/media/thumbnails/x.jpg')
  })

  it('starts from the prefetch: the playlist, the start level and its first segment are each fetched once', async () => {
    const since = performance.now()
    const video = render(<HlsPlayer src={LADDER} autoPlay="muted" style={{ width: 426, height: 240 }} />)
    await expectPlaying(video)
    const count = (path: string) => resourceEntries(since, (entryPath) => entryPath === path).length
    expect(count('/media/ladder/master.m3u8')).toBe(1)
    expect(count('/media/ladder/240p/index.m3u8')).toBe(1)
    expect(count('/media/ladder/240p/seg-000.ts')).toBe(1)
    // The start level fits the player: nothing above 240p was fetched before playback began.
    expect(count('/media/ladder/720p/seg-000.ts')).toBe(0)
    unmount()
  })

  it('after preloadHls(src) on intent, the player takes the playlists and first segment over: none is fetched again', async () => {
    const since = performance.now()
    const count = (path: string) => resourceEntries(since, (entryPath) => entryPath === path).length
    await preloadHls(LADDER)
    await expect.poll(() => count('/media/ladder/240p/seg-000.ts'), POLL).toBe(1)
    const video = render(<HlsPlayer src={LADDER} autoPlay="muted" style={{ width: 426, height: 240 }} />)
    await expectPlaying(video)
    expect(count('/media/ladder/master.m3u8')).toBe(1)
    expect(count('/media/ladder/240p/index.m3u8')).toBe(1)
    expect(count('/media/ladder/240p/seg-000.ts')).toBe(1)
    unmount()
  })

  it('a render that never commits fetches its first playlist only, never a segment', async () => {
    const since = performance.now()
    const never = new Promise<never>(() => {})
    function Never(): null {
      throw never
    }
    // The harness's render() waits for a <video>: a bare one stands beside the suspended tree.
    render(
      <div>
        <video />
        <Suspense fallback={null}>
          <HlsPlayer src={PORTRAIT} />
          <Never />
        </Suspense>
      </div>,
    )
    await sleep(1500)
    const media = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime >= since && /\.(m3u8|ts)$/.test(new URL(entry.name).pathname))
      .map((entry) => new URL(entry.name).pathname)
    expect(media).toEqual([new URL(PORTRAIT, location.href).pathname])
    unmount()
  })

  it('a missing playlist ends in data-state="error" with a typed network error', async () => {
    const onError = vi.fn()
    const video = render(
      <HlsPlayer
        src="/media/does-not-exist.m3u8"
        hlsConfig={{ manifestLoadPolicy: { default: { maxTimeToFirstByteMs: 2000, maxLoadTimeMs: 2000, timeoutRetry: null, errorRetry: null } } }}
        onError={onError}
      />,
    )
    await expect.poll(() => video.dataset.state, POLL).toBe('error')
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'network', fatal: true, details: 'manifestLoadError' }))
    expect(liveHlsInstances()).toBe(0)
  })
})
