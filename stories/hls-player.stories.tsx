import type { Meta, StoryObj } from '@storybook/react-vite'
import { http, HttpResponse } from 'msw'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { expectPlaying, media, narrow, PLAYING } from './player-stories.js'
import { HlsPlayer } from '../src/components/hls-player/hls-player.js'
import { createLiveOrigin } from '../src/testing/media/live-origin.js'

const meta = {
  title: 'Components/HlsPlayer',
  component: HlsPlayer,
  parameters: { layout: 'padded' },
  args: { autoPlay: 'muted', 'aria-label': 'Stream' },
  decorators: [narrow],
} satisfies Meta<typeof HlsPlayer>

export default meta
type Story = StoryObj<typeof meta>

/** The 3-rendition ladder (VOD) through hls.js, muted autoplay. */
export const Ladder: Story = {
  render: (args) => <HlsPlayer {...args} src={media().ladder} poster={media().thumbnail(0, false)} orientation="landscape" />,
  play: async ({ canvasElement }) => {
    const video = await expectPlaying(canvasElement)
    expect(video.dataset.engine).toBe('hls.js')
  },
}

/** A live stream from the embedded live origin: a sliding window, LIVE badge, no total time. */
export const Live: Story = {
  render: (args) => <HlsPlayer {...args} src={media().live('ladder')} orientation="landscape" />,
  play: async ({ canvasElement }) => {
    const video = await expectPlaying(canvasElement)
    await waitFor(() => expect(within(canvasElement).getByText('Live')).toBeVisible())
    expect(video.duration).toBe(Infinity)
  },
}

/** A portrait stream in a 9:16 box, reserved before the video loads. */
export const Portrait: Story = {
  render: (args) => (
    <div style={{ width: 270 }}>
      <HlsPlayer {...args} src={media().live('portrait')} poster={media().thumbnail(0, true)} orientation="portrait" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const video = await expectPlaying(canvasElement)
    expect(video.videoHeight).toBeGreaterThan(video.videoWidth)
  },
}

/** WebVTT captions through a `<track>`, shown from the start. */
export const Captions: Story = {
  render: (args) => (
    <HlsPlayer {...args} src={media().ladder} orientation="landscape" captions={[{ src: media().captions, srcLang: 'en', label: 'English', default: true }]} />
  ),
  play: async ({ canvasElement }) => {
    const video = await expectPlaying(canvasElement)
    await waitFor(() => expect((video.textTracks[0]?.activeCues?.[0] as VTTCue | undefined)?.text).toMatch(/^Segment \d+/), PLAYING)
  },
}

/** The HLS source fails for good (HTTP 500): the MP4 `fallbackSrc` plays instead. */
export const Fallback: Story = {
  render: (args) => <HlsPlayer {...args} src="/media/broken/master.m3u8" fallbackSrc={media().mp4} orientation="landscape" />,
  beforeEach: ({ msw }) => {
    msw.use(http.get('*/media/broken/master.m3u8', () => new HttpResponse('unavailable', { status: 500 })))
  },
  play: async ({ canvasElement }) => {
    const video = canvasElement.querySelector('video')!
    await waitFor(() => expect(video.dataset.engine).toBe('fallback'), { timeout: 45_000 })
    await expectPlaying(canvasElement)
  },
}

/** A live stream that is not on the air yet: "Waiting for the stream", then it plays once it starts. */
export const WaitingForTheStream: Story = {
  render: (args) => <HlsPlayer {...args} src={media().live('ladder')} orientation="landscape" waitForStream={120_000} />,
  beforeEach: ({ msw }) => {
    const origin = createLiveOrigin()
    origin.stop('ladder')
    msw.use(...origin.handlers)
    // The broadcast starts a few seconds in.
    const timer = setTimeout(() => origin.restart('ladder'), 4000)
    return () => clearTimeout(timer)
  },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Waiting for the stream…', undefined, PLAYING)
    await expectPlaying(canvasElement)
    expect(within(canvasElement).queryByText('Waiting for the stream…')).toBeNull()
  },
}

/** Playback failed for good and there is no fallback: an error overlay with Try again. */
export const Failed: Story = {
  render: (args) => <HlsPlayer {...args} src="/media/missing/master.m3u8" orientation="landscape" />,
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', undefined, { timeout: 45_000 })
    expect(alert).toHaveTextContent('The stream could not be played.')
    expect(canvasElement.querySelector('video')!.dataset.state).toBe('error')
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }))
    expect(canvasElement.querySelector('video')!.dataset.state).toBe('loading')
  },
}

/** No source yet: an idle `<video>` with its poster. */
export const Idle: Story = {
  render: (args) => <HlsPlayer {...args} poster={media().thumbnail(2, false)} orientation="landscape" />,
  play: async ({ canvasElement }) => {
    expect(canvasElement.querySelector('video')!.dataset.state).toBe('idle')
  },
}
