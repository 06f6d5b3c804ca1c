import type { Meta, StoryObj } from '@storybook/react-vite'
import { http, HttpResponse } from 'msw'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { useInfiniteStreams } from '../../src/hooks/use-infinite-streams.js'
import { useStream } from '../../src/hooks/use-stream.js'
import { useStreams } from '../../src/hooks/use-streams.js'
import { HookPanel, TitleList } from './hook-demo.js'

function StreamsDemo() {
  const query = useStreams({ state: 'LIVE', limit: 5 })
  return (
    <HookPanel title="useStreams({ state: 'LIVE', limit: 5 })" status={query.status} error={query.error}>
      <TitleList label="Live streams" items={query.data?.results ?? []} />
    </HookPanel>
  )
}

function StreamDemo() {
  const list = useStreams({ limit: 3 })
  const ids = list.data?.results.map((stream) => stream.id) ?? []
  return (
    <>
      {ids.map((id) => (
        <OneStream key={id} id={id} />
      ))}
      <OneStream id="no-such-stream" />
    </>
  )
}

function OneStream({ id }: { id: string }) {
  const query = useStream(id)
  return (
    <HookPanel title={`useStream(${id.slice(0, 8)}…)`} status={query.status} error={query.error}>
      {query.data ? <p>{query.data.title}</p> : null}
    </HookPanel>
  )
}

function InfiniteDemo() {
  const query = useInfiniteStreams({ limit: 4, orderBy: 'title' })
  return (
    <HookPanel title="useInfiniteStreams({ limit: 4 })" status={query.status} error={query.error}>
      <TitleList label="Every loaded stream" items={query.data?.streams ?? []} />
      <button type="button" disabled={!query.hasNextPage || query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {query.isFetchingNextPage ? 'Loading…' : query.hasNextPage ? 'Load more' : 'No more streams'}
      </button>
    </HookPanel>
  )
}

const meta = {
  title: 'Hooks/Streams',
  parameters: { layout: 'padded' },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** One page of live streams from the embedded API. */
export const UseStreams: Story = {
  render: () => <StreamsDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('success'))
    expect(within(canvas.getByRole('list', { name: 'Live streams' })).getAllByRole('listitem')).toHaveLength(5)
  },
}

/** The API failing: the hook reports a HotMicError with its kind and status. */
export const UseStreamsError: Story = {
  render: () => <StreamsDemo />,
  beforeEach: ({ msw }) => {
    msw.use(http.get('*/streams', () => HttpResponse.json({ message: 'Forbidden' }, { status: 403 })))
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(/^http 403: .*Forbidden/))
    expect(canvas.getByTestId('status')).toHaveTextContent('error')
  },
}

/** Several `useStream` calls in one render share one `ids=a_b_c` request; a missing id is `not-found`. */
export const UseStream: Story = {
  render: () => <StreamDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getAllByTestId('status').map((status) => status.textContent)).toEqual(['success', 'success', 'success', 'error']))
    expect(canvas.getByRole('alert')).toHaveTextContent(/^not-found/)
  },
}

/** Pages follow `links.next` until the end; every stream appears once. */
export const UseInfiniteStreams: Story = {
  render: () => <InfiniteDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const list = await canvas.findByRole('list', { name: 'Every loaded stream' })
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(4))
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(8))
    const titles = within(list).getAllByRole('listitem').map((item) => item.textContent)
    expect([...titles].sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0))).toEqual(titles)
  },
}
