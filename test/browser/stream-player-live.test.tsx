import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import { StreamPlayer } from '../../src/components/stream-player/stream-player.js'
import { HotMicProvider } from '../../src/hooks/provider.js'
import { makeStream } from '../../src/testing/fixtures.js'
import { createLiveOrigin } from '../../src/testing/media/live-origin.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { expectPlaying, LADDER, POLL, startMockWorker } from './hls-player-harness.js'

const worker = startMockWorker()
let mounted: { root: Root; container: HTMLDivElement } | undefined
afterEach(() => {
  if (mounted) flushSync(() => mounted!.root.unmount())
  mounted?.container.remove()
  mounted = undefined
  worker.resetHandlers()
})

/** Renders `ui` with the embedded API's client and a fresh QueryClient; returns the player's root. */
function render(ui: ReactNode): HTMLElement {
  const container = document.createElement('div')
  document.body.append(container)
  mounted = { root: createRoot(container), container }
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  flushSync(() =>
    mounted!.root.render(
      <QueryClientProvider client={queryClient}>
        <HotMicProvider client={createHotMicClient({ retry: false })}>{ui}</HotMicProvider>
      </QueryClientProvider>,
    ),
  )
  return container.querySelector<HTMLElement>('.hm-stream-player')!
}

const video = (root: HTMLElement) => root.querySelector('video')!

describe('StreamPlayer when a live playlist ends', () => {
  it('shows "ended" on its root, and a stream fetched by id is refetched and plays its VOD', async () => {
    const origin = createLiveOrigin()
    const live = makeStream({ id: 'going-off-air', state: 'LIVE', video_url: origin.url('ladder') })
    const api = createMockHotMicApi({ streams: [live], users: [] })
    // The test's own origin first: it is the one the test ends.
    worker.use(...origin.handlers, ...api.handlers)
    const states: string[] = []
    const root = render(<StreamPlayer stream="going-off-air" playerProps={{ autoPlay: 'muted', onStateChange: (state) => states.push(state) }} />)
    expect(root.dataset.state).toBe('loading')
    await expect.poll(() => root.dataset.state, POLL).toBe('live')
    await expectPlaying(video(root))

    // The stream becomes a VOD on the API while its live playlist ends.
    api.db.streams.put({ ...live, state: 'VOD', video_url: LADDER })
    origin.end('ladder')
    await expect.poll(() => states.includes('ended'), { ...POLL, timeout: 40_000 }).toBe(true)
    await expect.poll(() => root.dataset.state, POLL).toBe('vod')
    expect(video(root).dataset.live).toBeUndefined()
    await expectPlaying(video(root))
  }, 90_000)

  it('a stream given as an object shows "ended" once its live playlist ends, and "live" again while replayed', async () => {
    const origin = createLiveOrigin()
    worker.use(...origin.handlers)
    const live = makeStream({ id: 'object-stream', state: 'LIVE', video_url: origin.url('ladder') })
    const root = render(<StreamPlayer stream={live} />)
    await expectPlaying(video(root))
    expect(root.dataset.state).toBe('live')
    origin.end('ladder')
    await expect.poll(() => root.dataset.state, { ...POLL, timeout: 40_000 }).toBe('ended')
    expect(video(root).dataset.state).toBe('ended')
    // Played again from what is buffered: not "ended" while it plays.
    video(root).currentTime = 0
    await video(root).play()
    await expect.poll(() => root.dataset.state, POLL).toBe('live')
  }, 90_000)
})
