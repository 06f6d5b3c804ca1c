import type { Decorator, Meta, StoryObj } from '@storybook/react-vite'
import { http, HttpResponse } from 'msw'
import { useState } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import type { StreamListParams } from '../src/client/query-string.js'
import { StreamFilters } from '../src/components/stream-filters/stream-filters.js'
import { StreamList } from '../src/components/stream-list/stream-list.js'
import { seedDatabase } from '../src/testing/fixtures.js'

const NOW = Date.UTC(2026, 0, 15, 18)

function frame(theme?: 'dark'): Decorator {
  const Frame: Decorator = (Story) => (
    <div className="hm-root" data-theme={theme} style={{ background: 'var(--hm-bg)', padding: 'clamp(12px, 3vw, 32px)', minHeight: '100vh', boxSizing: 'border-box' }}>
      <Story />
    </div>
  )
  return Frame
}

// Seeded once per file: the same streams as the embedded API, laid out around a fixed instant.
let seeded: ReturnType<typeof seedDatabase>['streams'] | undefined
function streams(count: number) {
  seeded ??= seedDatabase({ streamCount: 10_000, now: NOW }).streams
  return seeded.slice(0, count)
}

const meta = {
  title: 'Components/StreamList',
  component: StreamList,
  decorators: [frame()],
  args: { onSelect: fn(), label: 'Streams', cardProps: { now: NOW } },
} satisfies Meta<typeof StreamList>

export default meta
type Story = StoryObj<typeof meta>

/** Drop-in: fetches through `useInfiniteStreams` inside the provider; more on scroll or with "Load more". */
export const DropIn: Story = {
  args: { params: { limit: 12, orderBy: 'last_updated', desc: true } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(12), { timeout: 15_000 })
    const more = canvas.getByRole('button', { name: 'Load more' })
    await userEvent.click(more)
    await waitFor(() => expect(canvas.getAllByRole('listitem').length).toBeGreaterThanOrEqual(24), { timeout: 15_000 })
  },
}

/** Skeletons the size of the cards while the first page loads. */
export const Loading: Story = {
  args: { streams: undefined, status: 'pending' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading streams')
  },
}

/** Nothing matches. */
export const Empty: Story = {
  args: { streams: [], status: 'success' },
}

const onRetry = fn()

/** The first page failed: the reason and a retry. */
export const Error: Story = {
  args: { streams: undefined, status: 'error', error: new globalThis.Error('HTTP 502 from the HotMic API'), onRetry },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    onRetry.mockClear()
    expect(canvas.getByRole('alert')).toHaveTextContent('HTTP 502')
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }))
    expect(onRetry).toHaveBeenCalledOnce()
  },
}

/** The drop-in list when the API refuses the first request, then answers on "Try again". */
export const ErrorThenRetry: Story = {
  args: { params: { limit: 6 } },
  beforeEach({ msw }) {
    let failures = 1
    msw.use(
      http.get('*/streams', () => {
        // A 401 is not retried by the client, so the first page fails at once.
        if (failures-- > 0) return HttpResponse.json({ message: 'Invalid API key' }, { status: 401 })
        return undefined
      }),
    )
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await canvas.findByRole('alert', {}, { timeout: 15_000 })
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(6), { timeout: 15_000 })
  },
}

/** Every stream is loaded: the end of the list says so. */
export const EndOfList: Story = {
  args: { streams: streams(6), status: 'success', hasMore: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('6 streams, that is all.')).toBeVisible()
  },
}

/** Compact rows instead of tiles. */
export const ListLayout: Story = {
  args: { streams: streams(8), layout: 'list', hasMore: true, onLoadMore: fn() },
}

/** 10,000 streams: only the rows near the viewport are in the DOM; arrow keys move between cards. */
export const TenThousand: Story = {
  args: { streams: streams(10_000), label: '10,000 streams' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('.hm-card').length).toBeGreaterThan(0))
    expect(canvasElement.querySelectorAll('.hm-card').length).toBeLessThan(100)
    await userEvent.tab()
    await userEvent.keyboard('{ArrowDown}')
    const focused = canvasElement.ownerDocument.activeElement
    expect(focused?.closest('[data-item]')).not.toBeNull()
    expect(canvasElement.querySelectorAll('.hm-card').length).toBeLessThan(100)
  },
}

/** 10,000 streams in a sidebar that scrolls by itself: the rows follow the sidebar's scroll, not the page's. */
export const InAScrollingSidebar: Story = {
  args: { streams: streams(10_000), layout: 'list', label: 'Streams in a sidebar' },
  render: (args) => (
    <aside style={{ height: 480, maxWidth: 420, overflowY: 'auto', border: '1px solid var(--hm-border)', borderRadius: 12, padding: 8 }}>
      <StreamList {...args} />
    </aside>
  ),
  play: async ({ canvasElement }) => {
    const sidebar = canvasElement.querySelector('aside')!
    await waitFor(() => expect(canvasElement.querySelector('[data-virtual]')).not.toBeNull())
    sidebar.scrollTop = sidebar.scrollHeight
    await waitFor(() => expect(canvasElement.querySelector('[data-item="9999"]')).not.toBeNull())
    expect(canvasElement.querySelectorAll('.hm-card').length).toBeLessThan(30)
  },
}

/** Dark theme. */
export const Dark: Story = {
  decorators: [frame('dark')],
  args: { streams: streams(9), status: 'success', hasMore: true, onLoadMore: fn() },
}

function FilteredList() {
  const [params, setParams] = useState<StreamListParams>({ limit: 12, orderBy: 'last_updated', desc: true })
  const [selected, setSelected] = useState<string | undefined>()
  return (
    <div style={{ display: 'grid', gap: 20 }}>
      <StreamFilters value={params} onChange={setParams} />
      <StreamList params={params} onSelect={(stream) => setSelected(stream.id)} selectedId={selected} cardProps={{ now: NOW }} />
    </div>
  )
}

/** `StreamFilters` wired to the drop-in list's params: pick a state and a sort order. */
export const WithFilters: Story = {
  args: { streams: undefined },
  render: () => <FilteredList />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getAllByRole('listitem')).toHaveLength(12), { timeout: 15_000 })
    await userEvent.click(canvas.getByRole('radio', { name: 'Live' }))
    await waitFor(
      () => {
        const states = [...canvasElement.querySelectorAll('.hm-card')].map((card) => card.getAttribute('data-state'))
        expect(states.length).toBeGreaterThan(0)
        expect(new Set(states)).toEqual(new Set(['live']))
      },
      { timeout: 15_000 },
    )
  },
}
