import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { expectPlaying, media, narrow, PLAYING } from './player-stories.js'
import type { Stream } from '../src/client/schemas.js'
import { StreamPlayer } from '../src/components/stream-player/stream-player.js'
import { makeStream } from '../src/testing/fixtures.js'
import { createMockHotMicApi, type MockHotMicApi } from '../src/testing/mock-api.js'

const meta = {
  title: 'Components/StreamPlayer',
  component: StreamPlayer,
  parameters: { layout: 'padded' },
  decorators: [narrow],
} satisfies Meta<typeof StreamPlayer>

export default meta
type Story = StoryObj<typeof meta>

/** A LIVE stream plays from the live origin, with the LIVE badge. */
export const Live: Story = {
  args: { stream: makeStream({ state: 'LIVE', title: 'Derby day watch-along', video_url: media().live('ladder') }) },
  play: async ({ canvasElement }) => {
    await expectPlaying(canvasElement)
    expect(canvasElement.querySelector('.hm-stream-player')!.getAttribute('data-state')).toBe('live')
    await waitFor(() => expect(within(canvasElement).getByText('Live')).toBeVisible(), PLAYING)
  },
}

/** A VOD plays its HLS `video_url`, with `video_mp4_url` as the fallback. */
export const Replay: Story = {
  args: { stream: makeStream({ state: 'VOD', title: 'Film room breakdown' }) },
  play: async ({ canvasElement }) => {
    const video = await expectPlaying(canvasElement)
    expect(video.dataset.engine).toBe('hls.js')
  },
}

/** A portrait live stream: the 9:16 box is there before the video loads. */
export const PortraitLive: Story = {
  args: {
    stream: makeStream({ state: 'LIVE', title: 'Locker room Q&A', video_orientation: 'portrait', thumbnail: media().thumbnail(0, true), video_url: media().live('portrait') }),
    style: { width: 300 },
  },
  play: async ({ canvasElement }) => {
    const box = canvasElement.querySelector<HTMLElement>('.hm-stream-player')!
    expect(box.style.aspectRatio).toBe('9 / 16')
    const video = await expectPlaying(canvasElement)
    expect(video.videoHeight).toBeGreaterThan(video.videoWidth)
  },
}

/** A SCHEDULED stream: the thumbnail, the time and a countdown. */
export const Scheduled: Story = {
  args: { stream: makeStream({ state: 'SCHEDULED', title: 'Season preview' }) },
  // Two hours and five minutes from whenever the story renders.
  render: (args) => (
    <StreamPlayer {...args} stream={{ ...(args.stream as Stream), scheduled_date: new Date(Date.now() + 2 * 3600_000 + 5 * 60_000).toISOString() }} />
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    expect(canvas.getByText('Scheduled')).toBeVisible()
    expect(canvas.getByText(/^in 02:0[45]:\d\d$/)).toBeVisible()
    expect(canvasElement.querySelector('video')).toBeNull()
  },
}

/** An ENDED stream: the thumbnail and "Stream ended". */
export const Ended: Story = {
  args: { stream: makeStream({ state: 'ENDED', title: 'Post-match press conference' }) },
  play: async ({ canvasElement }) => {
    expect(within(canvasElement).getByText('Stream ended')).toBeVisible()
    expect(canvasElement.querySelector('video')).toBeNull()
  },
}

let api: MockHotMicApi | undefined

/** By id, scheduled: when the stream goes live on the API, the next refetch switches to the live player. */
export const ScheduledGoesLive: Story = {
  args: { stream: 'story-scheduled', scheduledRefetchInterval: 1000 },
  beforeEach: ({ msw }) => {
    api = createMockHotMicApi()
    api.db.streams.put(makeStream({ id: 'story-scheduled', state: 'SCHEDULED', title: 'Trade deadline reactions', scheduled_date: new Date(Date.now() + 3600_000).toISOString() }))
    msw.use(...api.handlers)
  },
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    await step('it is scheduled', async () => {
      await canvas.findByText('Scheduled', undefined, PLAYING)
    })
    await step('it goes live on the API and the player switches', async () => {
      const stream = api!.db.streams.get('story-scheduled')!
      api!.db.streams.put({ ...stream, state: 'LIVE', video_url: media().live('ladder') })
      await expectPlaying(canvasElement)
      expect(canvas.queryByText('Scheduled')).toBeNull()
    })
  },
}
