import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { StreamPlayer } from '../../src/components/stream-player/stream-player.js'
import { makeStream, mediaUrls } from '../../src/testing/fixtures.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { createWrapper } from '../render-with-client.js'

const api = createMockHotMicApi()
const server = setupServer(...api.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  // jsdom does not implement media loading or playback.
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {})
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
})
afterEach(() => {
  // Unmount while the media stubs are still in place: unmounting calls video.load().
  cleanup()
  server.resetHandlers()
  api.db.reset()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

const media = mediaUrls('http://localhost/media')

function renderPlayer(ui: React.ReactElement) {
  const { wrapper } = createWrapper()
  return render(ui, { wrapper })
}

const root = (container: HTMLElement) => container.firstElementChild as HTMLElement

describe('StreamPlayer', () => {
  it('fetches a scheduled stream by id, shows its time and a countdown, and switches to the live player when a refetch sees it go live', async () => {
    const scheduled = api.db.streams.all().find((stream) => stream.state === 'SCHEDULED')!
    const { container } = renderPlayer(<StreamPlayer stream={scheduled.id} scheduledRefetchInterval={50} />)
    expect(root(container).dataset.state).toBe('loading')
    expect(root(container).getAttribute('aria-busy')).toBe('true')
    await screen.findByText('Scheduled')
    expect(root(container).dataset.state).toBe('scheduled')
    expect(container.querySelector('time')?.getAttribute('dateTime')).toBe(scheduled.scheduled_date)
    expect(screen.getByText(/^in (\d+ d )?\d\d:\d\d(:\d\d)?$/)).toBeInTheDocument()
    expect(container.querySelector('video')).toBeNull()

    api.db.streams.put({ ...scheduled, state: 'LIVE', video_url: media.live('ladder') })
    await waitFor(() => expect(root(container).dataset.state).toBe('live'))
    const video = container.querySelector('video')!
    expect(video.getAttribute('poster')).toBe(scheduled.thumbnail ?? null)
    expect(screen.queryByText('Scheduled')).toBeNull()
  })

  it('refetches when the countdown reaches the scheduled time', async () => {
    const scheduled = { ...api.db.streams.all().find((stream) => stream.state === 'SCHEDULED')!, scheduled_date: new Date(Date.now() + 1500).toISOString() }
    api.db.streams.put(scheduled)
    const { container } = renderPlayer(<StreamPlayer stream={scheduled.id} scheduledRefetchInterval={3_600_000} />)
    await screen.findByText(/^in 00:0[12]$/)
    api.db.streams.put({ ...scheduled, state: 'LIVE', video_url: media.live('ladder') })
    await waitFor(() => expect(root(container).dataset.state).toBe('live'), { timeout: 5000 })
  })

  it('an ended stream shows its thumbnail and "Stream ended", no video', () => {
    const stream = makeStream({ state: 'ENDED' })
    const { container } = renderPlayer(<StreamPlayer stream={stream} />)
    expect(root(container).dataset.state).toBe('ended')
    expect(screen.getByText('Stream ended')).toBeInTheDocument()
    expect(container.querySelector('img')?.getAttribute('src')).toBe(stream.thumbnail)
    expect(container.querySelector('video')).toBeNull()
  })

  it('a VOD plays video_url with video_mp4_url as the fallback (taken here: jsdom has no HLS)', async () => {
    const stream = makeStream({ state: 'VOD' })
    const { container } = renderPlayer(<StreamPlayer stream={stream} />)
    const video = container.querySelector('video')!
    expect(root(container).dataset.state).toBe('vod')
    await waitFor(() => expect(video.dataset.engine).toBe('fallback'))
    expect(video.getAttribute('src')).toBe(stream.video_mp4_url)
    expect(video.muted).toBe(true)
    // Muted autoplay of the fallback.
    await waitFor(() => expect(HTMLMediaElement.prototype.play).toHaveBeenCalled())
  })

  it('a portrait stream gets a 9:16 box before any video loads, others 16:9; rest props reach the root', () => {
    const portrait = makeStream({ state: 'LIVE', video_orientation: 'portrait', video_url: media.live('portrait') })
    const { container, rerender } = renderPlayer(<StreamPlayer stream={portrait} id="stage" className="mine" />)
    expect(root(container).style.aspectRatio).toBe('9 / 16')
    expect(root(container).dataset.orientation).toBe('portrait')
    expect(root(container).id).toBe('stage')
    expect(root(container).className).toBe('hm-stream-player mine')
    rerender(<StreamPlayer stream={makeStream({ state: 'LIVE', video_url: media.live('ladder') })} />)
    expect(root(container).style.aspectRatio).toBe('16 / 9')
  })

  it('a stream without a playable URL, or of an unknown state, says it is not available', () => {
    const { container } = renderPlayer(<StreamPlayer stream={makeStream({ state: 'LIVE', video_url: 'javascript:alert(1)' })} />)
    expect(root(container).dataset.state).toBe('unavailable')
    expect(screen.getByText('This stream is not available')).toBeInTheDocument()
  })

  it('a stream id that does not exist shows an error with Try again', async () => {
    const { container } = renderPlayer(<StreamPlayer stream="no-such-stream" />)
    expect(await screen.findByRole('alert')).toHaveTextContent('The stream could not be loaded.')
    expect(root(container).dataset.state).toBe('error')
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })
})
