import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { StreamBrowser } from './stream-browser.js'

/**
 * The stream browser under bad conditions. Use the toolbar (Latency, API failures, Media) on any
 * story to change them live; each story here starts with one already set.
 */
const meta = {
  title: 'Flows/Resilience',
  component: StreamBrowser,
  parameters: { layout: 'fullscreen' },
  tags: ['!autodocs'],
  // Streams moving on their own, and sync requests, would race the play functions: tests keep still.
  args: { liveSync: false, simulateLifecycle: false },
} satisfies Meta<typeof StreamBrowser>

export default meta
type Story = StoryObj<typeof meta>

const FIRST_PAGE = 24

/** Statuses of the API's /streams responses since the story began (Resource Timing sees the mocked ones too). */
function streamStatuses(): number[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => /\/streams(\?|$)/.test(entry.name))
    .map((entry) => (entry as PerformanceResourceTiming).responseStatus)
}

/**
 * Loads pages with "Load more" (or "Try again" when a page failed for good) until a response with
 * `status` was seen and a page arrived after it. The faults are seeded, so this is deterministic.
 */
async function loadUntil(canvasElement: HTMLElement, status: number) {
  // The grid's own buttons: another section (the live rail) may show a "Try again" of its own.
  const canvas = within(await within(canvasElement).findByRole('region', { name: 'All streams' }))
  // Streams loaded, not cards drawn: past 60 the list is virtual and draws only what is visible.
  const items = () => {
    const item = canvasElement.querySelector('.hm-list__item')
    return Number(item?.getAttribute('aria-setsize') ?? canvasElement.querySelectorAll('.hm-list__item').length)
  }
  let grown = false
  for (let attempt = 0; attempt < 10 && !(grown && streamStatuses().includes(status)); attempt++) {
    const before = items()
    const button = await waitFor(() => canvas.queryByRole('button', { name: 'Try again' }) ?? canvas.getByRole('button', { name: 'Load more' }), {
      timeout: 30_000,
    })
    await userEvent.click(button)
    await waitFor(() => expect(items() > before || canvas.queryByRole('button', { name: 'Try again' }) !== null).toBe(true), { timeout: 30_000 })
    grown = items() > before && streamStatuses().includes(status)
  }
  expect(grown).toBe(true)
}

/** Waits for the first page, with "Try again" when it failed for good (three failures in a row happen). */
async function grid(canvasElement: HTMLElement) {
  const list = await within(canvasElement).findByRole('region', { name: 'All streams' })
  const canvas = within(list)
  const cards = () => within(list).queryAllByRole('button').filter((button) => button.textContent !== 'Try again').length
  for (let attempt = 0; attempt < 5 && cards() < FIRST_PAGE; attempt++) {
    await waitFor(() => expect(cards() >= FIRST_PAGE || canvas.queryByRole('button', { name: 'Try again' }) !== null).toBe(true), { timeout: 30_000 })
    const retry = canvas.queryByRole('button', { name: 'Try again' })
    if (cards() < FIRST_PAGE && retry) await userEvent.click(retry)
  }
  expect(cards()).toBeGreaterThanOrEqual(FIRST_PAGE)
  return list
}

/** A story where the API answers `status` to some requests, and the grid still fills page after page. */
function survives(failures: string, status: number): Story {
  return {
    globals: { failures },
    play: async ({ canvasElement }) => {
      performance.clearResourceTimings()
      await grid(canvasElement)
      await loadUntil(canvasElement, status)
      expect(streamStatuses()).toContain(status)
      expect(streamStatuses()).toContain(200)
    },
  }
}

/** One request in two fails with a 503: retries with backoff, and "Try again" when a page fails for good. */
export const FlakyApi: Story = { ...survives('503', 503), name: 'Flaky API (1 in 2 requests fail)' }

/** 429 Too Many Requests with Retry-After: the client waits as told, then carries on. */
export const RateLimited: Story = { ...survives('429', 429), name: 'Rate limited (429 + Retry-After)' }

/** Every request takes 1.5 s: skeletons hold the layout until the first page arrives. */
export const SlowApi: Story = {
  name: 'Slow API (1.5 s per request)',
  globals: { latency: '1500' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvasElement.querySelectorAll('.hm-card--skeleton').length).toBeGreaterThan(0))
    expect(canvas.getByText(/loading streams/i)).toBeInTheDocument()
    await grid(canvasElement)
    expect(canvasElement.querySelectorAll('.hm-card--skeleton')).toHaveLength(0)
  },
}

/** Every write fails: an edit shows at once, then rolls back and says why. */
export const WritesFail: Story = {
  name: 'Writes fail (optimistic rollback)',
  globals: { failures: 'writes' },
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const list = await grid(canvasElement)
    const card = within(list).getAllByRole('button')[0]!
    const original = card.textContent ?? ''
    await userEvent.click(card)
    const input = await canvas.findByLabelText('Title')
    await step('the edit shows at once, then rolls back with the reason', async () => {
      await userEvent.clear(input)
      await userEvent.type(input, 'This title will not stick')
      await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
      const editor = canvas.getByRole('form', { name: 'Edit stream' })
      await waitFor(() => expect(within(editor).getByRole('status')).toHaveTextContent(/not saved/i), { timeout: 15_000 })
      await waitFor(() => expect(within(list).getAllByRole('button')[0]).toHaveTextContent(original))
      expect(canvas.getByRole('heading', { level: 2, name: original })).toBeInTheDocument()
    })
  },
}
