import type { Decorator } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { defaultMediaBaseUrl, mediaUrls } from '../src/testing/fixtures.js'

// Stories only load in the browser, so the page origin is known when these run.
export const media = () => mediaUrls(defaultMediaBaseUrl())

/** Generous: stories run as tests on shared, busy machines. */
export const PLAYING = { timeout: 30_000 }

/** Players get a realistic width. */
export const narrow: Decorator = (Story) => (
  <div style={{ maxWidth: 720 }}>
    <Story />
  </div>
)

/** Waits for the story's `<video>` to decode a frame and advance, and for the player to say it plays. */
export async function expectPlaying(canvasElement: HTMLElement): Promise<HTMLVideoElement> {
  const video = await waitFor(() => {
    const element = canvasElement.querySelector('video')
    expect(element).not.toBeNull()
    return element!
  }, PLAYING)
  await waitFor(() => expect(video.videoWidth).toBeGreaterThan(0), PLAYING)
  const start = video.currentTime
  await waitFor(() => expect(video.currentTime).toBeGreaterThan(start + 0.3), PLAYING)
  await waitFor(() => expect(video.dataset.state).toBe('playing'), PLAYING)
  return video
}
