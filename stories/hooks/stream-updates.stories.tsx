import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { useStreamUpdates } from '../../src/hooks/use-stream-updates.js'
import { useStreams } from '../../src/hooks/use-streams.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { HookPanel, TitleList } from './hook-demo.js'

// This story's own embedded API, so the play function can change its store like a host would.
let api = createMockHotMicApi()

function StreamUpdatesDemo() {
  const sync = useStreamUpdates({ intervalMs: 500 })
  const scheduled = useStreams({ state: 'SCHEDULED', limit: 100 })
  const live = useStreams({ state: 'LIVE', limit: 100 })
  return (
    <HookPanel title="useStreamUpdates({ intervalMs: 500 })" status={sync.paused ? 'paused' : sync.lastSyncAt ? 'syncing' : 'starting'}>
      <p>
        Last sync: <span data-testid="last-sync">{sync.lastSyncAt ? new Date(sync.lastSyncAt).toISOString() : 'never'}</span>, changes
        seen: <span data-testid="changes">{sync.totalChanges}</span>
      </p>
      <h3 style={{ fontSize: 16 }}>Scheduled</h3>
      <TitleList label="Scheduled" items={scheduled.data?.results ?? []} />
      <h3 style={{ fontSize: 16 }}>Live</h3>
      <TitleList label="Live" items={live.data?.results ?? []} />
    </HookPanel>
  )
}

const meta = {
  title: 'Hooks/Stream updates',
  parameters: { layout: 'padded' },
  beforeEach: ({ msw }) => {
    api = createMockHotMicApi()
    msw.use(...api.handlers)
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** A scheduled stream goes live on the server: the sync fetches only that change and both lists follow. */
export const GoesLive: Story = {
  render: () => <StreamUpdatesDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByTestId('last-sync')).not.toHaveTextContent('never'))
    const scheduledList = canvas.getByRole('list', { name: 'Scheduled' })
    await waitFor(() => expect(within(scheduledList).getAllByRole('listitem').length).toBeGreaterThan(0))
    const scheduledCount = within(scheduledList).getAllByRole('listitem').length
    const stream = api.db.streams.all().find((candidate) => candidate.state === 'SCHEDULED')!
    api.db.streams.put({ ...stream, title: 'Now live from the sync', state: 'LIVE', last_updated: new Date(Date.now() + 60_000).toISOString() })

    const liveList = canvas.getByRole('list', { name: 'Live' })
    await waitFor(() => expect(within(liveList).getByText('Now live from the sync')).toBeInTheDocument(), { timeout: 10_000 })
    await waitFor(() => expect(within(scheduledList).getAllByRole('listitem')).toHaveLength(scheduledCount - 1))
    expect(canvas.getByTestId('changes')).toHaveTextContent('1')
  },
}
