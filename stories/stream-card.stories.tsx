import type { Decorator, Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { StreamCard } from '../src/components/stream-card/stream-card.js'
import { makeStream } from '../src/testing/fixtures.js'

// Relative times count from this instant, so the stories read the same every day.
const NOW = Date.UTC(2026, 0, 15, 18)
const host = { id: 'host-1', display_name: 'courtsidemaya', followers: 48_200, profile_pic: '/media/thumbnails/avatar-01.jpg' }

function frame(width: number, theme?: 'dark'): Decorator {
  const Frame: Decorator = (Story) => (
    <div className="hm-root" data-theme={theme} style={{ background: 'var(--hm-bg)', padding: 24, minHeight: '100vh', boxSizing: 'border-box' }}>
      <div style={{ width: '100%', maxWidth: width }}>
        <Story />
      </div>
    </div>
  )
  return Frame
}

const meta = {
  title: 'Components/StreamCard',
  component: StreamCard,
  decorators: [frame(320)],
  args: {
    now: NOW,
    locale: 'en-US',
    onSelect: fn(),
    onIntent: fn(),
    stream: makeStream({
      title: 'Derby day watch-along: the Champions League',
      state: 'LIVE',
      thumbnail: '/media/thumbnails/thumb-01.jpg',
      user: host,
      tags: [{ name: 'Soccer' }, { displayName: 'Highlights' }],
    }),
  },
} satisfies Meta<typeof StreamCard>

export default meta
type Story = StoryObj<typeof meta>

/** Live now: the pulsing badge, host with avatar and compact followers, tags. One button named by the title. */
export const Live: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const button = canvas.getByRole('button', { name: 'Derby day watch-along: the Champions League' })
    expect(canvas.getAllByRole('button')).toHaveLength(1)
    expect(canvas.queryAllByRole('link')).toHaveLength(0)
    expect(canvas.getByText('48.2K followers')).toBeVisible()
    await userEvent.click(button)
    expect(args.onSelect).toHaveBeenCalledWith(args.stream)
  },
}

/** Scheduled: local date and time, and how long until it starts. */
export const Scheduled: Story = {
  args: {
    stream: makeStream({
      title: 'Season preview with guests from Köln and Zürich',
      state: 'SCHEDULED',
      scheduled_date: '2026-01-15T21:30:00Z',
      thumbnail: '/media/thumbnails/thumb-03.jpg',
      user: { display_name: 'thepaddockomar', followers: '1250' },
      tags: [{ name: 'F1', tag_thumbnail: '/media/thumbnails/avatar-02.jpg' }],
    }),
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/in 3 hours/)).toBeVisible()
  },
}

/** A replay (VOD) with its duration as h:mm:ss. */
export const Replay: Story = {
  args: { stream: makeStream({ title: 'Film room breakdown: NBA Finals', state: 'VOD', duration: 3725.4, thumbnail: '/media/thumbnails/thumb-05.jpg', user: host }) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('1:02:05')).toBeVisible()
  },
}

/** Ended, without a recording. */
export const Ended: Story = {
  args: { stream: makeStream({ title: 'Late-night call-in show', state: 'ENDED', thumbnail: '/media/thumbnails/thumb-06.jpg', user: { display_name: 'nightshiftlena' } }) },
}

/** No thumbnail, or one that fails to load: the same box with a placeholder, loaded once. */
export const BrokenThumbnail: Story = {
  args: { stream: makeStream({ title: 'Morning coffee talk: La Liga', state: 'VOD', thumbnail: '/media/thumbnails/does-not-exist.jpg', user: host }) },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('.hm-card__placeholder')).not.toBeNull())
    expect(canvasElement.querySelector('img.hm-card__thumbnail')).toBeNull()
  },
}

/** A portrait stream: the thumbnail is shown whole in the landscape box. */
export const Portrait: Story = {
  args: { stream: makeStream({ title: 'Locker room Q&A', state: 'LIVE', video_orientation: 'portrait', thumbnail: '/media/thumbnails/thumb-portrait-01.jpg', user: host }) },
}

/** As a link (`href`): opening it in a new tab works as with any link. */
export const AsLink: Story = {
  args: { href: '/watch/derby', onSelect: undefined },
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByRole('link', { name: 'Derby day watch-along: the Champions League' })
    expect(link).toHaveAttribute('href', '/watch/derby')
  },
}

/** Hovering or focusing the card calls `onIntent` once: the drop-in list prefetches the stream there. */
export const Intent: Story = {
  play: async ({ canvasElement, args }) => {
    await userEvent.hover(canvasElement.querySelector('.hm-card')!)
    await waitFor(() => expect(args.onIntent).toHaveBeenCalledOnce())
    await userEvent.tab()
    expect(args.onIntent).toHaveBeenCalledOnce()
  },
}

/** The compact row variant, selected. */
export const Row: Story = {
  decorators: [frame(640)],
  args: { variant: 'row', selected: true },
}

/** Actions render outside the card's button, so they can be buttons themselves. */
export const WithActions: Story = {
  args: {
    actions: (stream) => (
      <button type="button" className="hm-button" onClick={() => navigator.clipboard?.writeText(stream.invite_link ?? '')}>
        Copy invite link
      </button>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    expect(canvas.getAllByRole('button')).toHaveLength(2)
    expect(canvas.getByRole('button', { name: 'Derby day watch-along: the Champions League' }).contains(canvas.getByRole('button', { name: 'Copy invite link' }))).toBe(false)
  },
}

/** Hostile data: markup in strings renders as text, `javascript:` and `data:` URLs never reach the DOM. */
export const HostileData: Story = {
  args: {
    href: ' JaVaScRiPt:alert(1)',
    stream: makeStream({
      title: '<img src=x onerror=alert(1)> & "quoted"',
      thumbnail: 'data:image/svg+xml,<svg onload=alert(1)>',
      user: { display_name: '<b>host</b>', profile_pic: 'javascript:alert(1)' },
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    expect(canvas.getByText('<img src=x onerror=alert(1)> & "quoted"')).toBeVisible()
    expect(canvasElement.querySelector('a, img')).toBeNull()
  },
}

/** Dark theme (`data-theme="dark"`, or the reader's `prefers-color-scheme`). */
export const Dark: Story = {
  decorators: [frame(320, 'dark')],
  args: { stream: makeStream({ title: 'Halftime hot takes: the Derby', state: 'SCHEDULED', scheduled_date: '2026-01-17T20:00:00Z', thumbnail: undefined, user: host, tags: [{ name: 'Soccer' }] }) },
}

/** `preview`: resting the pointer on a live card plays it muted in the thumbnail, one card at a time. */
export const HoverPreview: Story = {
  args: {
    preview: true,
    stream: makeStream({ title: 'Pre-game warm-up: NFL Week 12', state: 'LIVE', thumbnail: '/media/thumbnails/thumb-02.jpg', video_url: '/media/ladder/master.m3u8', user: host }),
  },
  play: async ({ canvasElement }) => {
    await userEvent.hover(canvasElement.querySelector('.hm-card')!)
    const video = await waitFor(() => {
      const element = canvasElement.querySelector<HTMLVideoElement>('video.hm-card__preview')
      expect(element).not.toBeNull()
      return element!
    })
    expect(video.muted).toBe(true)
    await waitFor(() => expect(video.currentTime).toBeGreaterThan(0), { timeout: 20_000 })
    await userEvent.unhover(canvasElement.querySelector('.hm-card')!)
    await waitFor(() => expect(canvasElement.querySelector('video')).toBeNull())
  },
}
