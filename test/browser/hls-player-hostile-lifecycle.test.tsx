import Hls from 'hls.js'
import { http, HttpResponse, delay, passthrough } from 'msw'
import { Fragment, StrictMode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { liveHlsInstances } from '../../src/components/hls-player/hls-engine.js'
import { HlsPlayer, type HlsPlayerProps } from '../../src/components/hls-player/hls-player.js'
import { expectPlaying, host, LADDER, mediaRequests, POLL, PORTRAIT, render, rerender, sleep, unmount, startMockWorkerPerTest } from './hls-player-harness.js'

// Lifecycle / leak / a11y probes for HlsPlayer.
const worker = startMockWorkerPerTest()

/** Counts object URLs and window/document listeners while the test runs. */
function track() {
  const created = new Set<string>()
  const revoked = new Set<string>()
  const realCreate = URL.createObjectURL.bind(URL)
  const realRevoke = URL.revokeObjectURL.bind(URL)
  vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
    const url = realCreate(object)
    created.add(url)
    return url
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => {
    revoked.add(url)
    realRevoke(url)
  })
  const listeners = new Map<string, number>()
  for (const [name, target] of [
    ['window', window],
    ['document', document],
  ] as const) {
    const add = target.addEventListener.bind(target)
    const remove = target.removeEventListener.bind(target)
    vi.spyOn(target, 'addEventListener').mockImplementation((type: string, fn: EventListenerOrEventListenerObject, opts?: boolean | AddEventListenerOptions) => {
      listeners.set(`${name}:${type}`, (listeners.get(`${name}:${type}`) ?? 0) + 1)
      add(type, fn, opts)
    })
    vi.spyOn(target, 'removeEventListener').mockImplementation((type: string, fn: EventListenerOrEventListenerObject, opts?: boolean | EventListenerOptions) => {
      listeners.set(`${name}:${type}`, (listeners.get(`${name}:${type}`) ?? 0) - 1)
      remove(type, fn, opts)
    })
  }
  return {
    unrevoked: () => [...created].filter((url) => !revoked.has(url)),
    // React's root adds one document `selectionchange` listener for good; not the player's.
    leftoverListeners: () => [...listeners].filter(([key, n]) => n > 0 && key !== 'document:selectionchange'),
  }
}

const player = (props: HlsPlayerProps = {}, strict = false) => {
  const ui = <HlsPlayer src={LADDER} autoPlay="muted" hlsConfig={{ maxBufferLength: 4, maxMaxBufferLength: 6 }} {...props} />
  return strict ? <StrictMode>{ui}</StrictMode> : ui
}

describe('hostile: unmount in every phase leaves nothing behind', () => {
  it.each([false, true])('phases (StrictMode=%s): no instance, no object URL, no document/window listener, no request after', async (strict) => {
    const t = track()
    // Phase 1: before hls.js is resolved (an injected loader that takes 300 ms).
    render(player({ hls: () => sleep(300).then(() => Hls) }, strict))
    unmount()
    // Phase 2: manifest in flight.
    worker.use(
      http.get('/slow/master.m3u8', async () => {
        await delay(1500)
        return passthrough()
      }),
    )
    render(player({ src: '/slow/master.m3u8' }, strict))
    await sleep(200)
    unmount()
    // Phase 3: right after MEDIA_ATTACHED (the video has its blob: URL).
    const v3 = render(player({}, strict))
    await expect.poll(() => v3.getAttribute('src') ?? '', POLL).toMatch(/^blob:/)
    unmount()
    // Phase 4: during an error retry (manifest 500 → the engine's retry timer).
    worker.use(http.get('/flaky/master.m3u8', () => new HttpResponse('no', { status: 500 })))
    render(player({ src: '/flaky/master.m3u8' }, strict))
    await sleep(1500)
    unmount()
    // Phase 5: while playing.
    const v5 = render(player({}, strict))
    await expectPlaying(v5)
    unmount()

    const at = performance.now()
    await sleep(3000)
    expect(liveHlsInstances()).toBe(0)
    expect(mediaRequests('/media/', at)).toBe(0)
    expect(mediaRequests('/flaky/', at)).toBe(0)
    expect(mediaRequests('/slow/', at)).toBe(0)
    expect(t.unrevoked()).toEqual([])
    expect(t.leftoverListeners()).toEqual([])
  }, 60_000)
})

describe('hostile: rapid source changes', () => {
  it('A → B → A in one batch plays A with one instance', async () => {
    const video = render(player())
    rerender(player({ src: PORTRAIT }))
    rerender(player({ src: LADDER }))
    await expectPlaying(video)
    expect(new URL(video.currentSrc).protocol).toBe('blob:')
    expect(liveHlsInstances()).toBe(1)
    expect(video.videoHeight).toBeLessThan(video.videoWidth)
  })

  it('A → B → A across frames while hls.js is attaching plays A with one instance', async () => {
    const video = render(player())
    await new Promise((r) => requestAnimationFrame(r))
    rerender(player({ src: PORTRAIT }))
    await new Promise((r) => requestAnimationFrame(r))
    rerender(player({ src: LADDER }))
    await expectPlaying(video)
    expect(liveHlsInstances()).toBe(1)
    expect(video.videoHeight).toBeLessThan(video.videoWidth)
  })

  it('src toggled 50 times, then settled, ends playing the last one', async () => {
    const video = render(player())
    for (let i = 0; i < 50; i++) {
      rerender(player({ src: i % 2 ? LADDER : PORTRAIT }))
      if (i % 7 === 0) await sleep(10)
    }
    await expectPlaying(video)
    expect(liveHlsInstances()).toBe(1)
    // Last was i=49 → LADDER (landscape).
    expect(video.videoHeight).toBeLessThan(video.videoWidth)
  })

  it('src → undefined → src shows idle then plays', async () => {
    const video = render(player())
    rerender(player({ src: undefined }))
    expect(video.dataset.state).toBe('idle')
    rerender(player())
    await expectPlaying(video)
    expect(liveHlsInstances()).toBe(1)
  })
})

describe('hostile: shared sources and runtime props', () => {
  it.each([false, true])('two players on the same src both play (StrictMode: %s)', async (strict) => {
    const Wrapper = strict ? StrictMode : Fragment
    render(
      <Wrapper>
        {player()}
        {player()}
      </Wrapper>,
    )
    const [a, b] = host().querySelectorAll('video')
    await expectPlaying(a!)
    await expectPlaying(b!)
    expect(liveHlsInstances()).toBe(2)
  })

  it('hlsConfig and callbacks with a new identity every render do not reload', async () => {
    const video = render(player({ hlsConfig: { maxBufferLength: 4 }, onStateChange: () => {} }))
    await expectPlaying(video)
    const since = performance.now()
    for (let i = 0; i < 30; i++) rerender(player({ hlsConfig: { maxBufferLength: 4 }, onStateChange: () => {}, poster: `/media/thumbnails/${i}.jpg` }))
    await sleep(500)
    expect(video.dataset.state).toBe('playing')
    expect(mediaRequests('master.m3u8', since)).toBe(0)
  })
})

describe('hostile: injected hls that rejects', () => {
  it('a rejecting `hls` loader ends in error, "Try again" calls it again and then plays', async () => {
    let calls = 0
    const loader = () => {
      calls++
      return calls === 1 ? Promise.reject(new Error('chunk load failed')) : Promise.resolve(Hls)
    }
    const onError = vi.fn()
    const video = render(<HlsPlayer src={LADDER} autoPlay="muted" hls={loader} onError={onError} />)
    await expect.poll(() => video.dataset.state, POLL).toBe('error')
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'network' }))
    host().querySelector<HTMLButtonElement>('[role="alert"] button')!.click()
    await expectPlaying(video)
    expect(calls).toBe(2)
  })

  it('a rejecting `hls` loader never creates an unhandled rejection', async () => {
    const unhandled = vi.fn()
    window.addEventListener('unhandledrejection', unhandled)
    const video = render(<HlsPlayer src={LADDER} autoPlay="muted" hls={() => Promise.reject(new Error('nope'))} />)
    await expect.poll(() => video.dataset.state, POLL).toBe('error')
    await sleep(200)
    window.removeEventListener('unhandledrejection', unhandled)
    expect(unhandled).not.toHaveBeenCalled()
  })
})

describe('hostile: keyboard and screen reader', () => {
  const broken = () => worker.use(http.get('/broken/master.m3u8', () => new HttpResponse('<html></html>', { headers: { 'content-type': 'text/html' } })))

  it('the error is an alert with text; its "Try again" is a focusable button', async () => {
    broken()
    const video = render(<HlsPlayer src="/broken/master.m3u8" autoPlay="muted" />)
    await expect.poll(() => video.dataset.state, POLL).toBe('error')
    const alertEl = host().querySelector<HTMLElement>('[role="alert"]')!
    expect(alertEl.textContent?.length).toBeGreaterThan(10)
    const button = alertEl.querySelector('button')!
    button.focus()
    expect(document.activeElement).toBe(button)
  })

  it('the error never steals focus from elsewhere on the page', async () => {
    broken()
    const input = document.createElement('input')
    document.body.append(input)
    input.focus()
    const video = render(<HlsPlayer src="/broken/master.m3u8" autoPlay="muted" />)
    await expect.poll(() => video.dataset.state, POLL).toBe('error')
    expect(document.activeElement).toBe(input)
    input.remove()
  })

  it('pressing "Try again" from the keyboard keeps focus in the player (not dropped to <body>)', async () => {
    broken()
    const video = render(<HlsPlayer src="/broken/master.m3u8" autoPlay="muted" />)
    await expect.poll(() => video.dataset.state, POLL).toBe('error')
    const button = host().querySelector<HTMLButtonElement>('[role="alert"] button')!
    button.focus()
    button.click()
    // The button disappears as the retry starts (state → loading).
    await expect.poll(() => host().querySelector('[role="alert"] button'), POLL).toBeNull()
    expect(document.activeElement).not.toBe(document.body)
    expect(host().contains(document.activeElement)).toBe(true)
  })
})
