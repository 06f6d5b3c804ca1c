import { render, screen, waitFor } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { StreamList } from '../../src/components/stream-list/stream-list.js'
import { makeStream } from '../../src/testing/fixtures.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { createWrapper } from '../render-with-client.js'

const api = createMockHotMicApi({ now: Date.UTC(2026, 0, 15, 18) })
const server = setupServer(...api.handlers)
const requests: string[] = []
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.events.removeAllListeners()
  server.resetHandlers()
  api.db.reset()
  requests.length = 0
})
afterAll(() => server.close())

describe('StreamList (presentational)', () => {
  it('renders skeletons while pending, then the empty state', () => {
    const { rerender, container } = render(<StreamList streams={undefined} status="pending" />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading streams')
    expect(container.querySelectorAll('.hm-card--skeleton')).toHaveLength(8)
    rerender(<StreamList streams={[]} status="success" />)
    expect(screen.getByText('No streams to show.')).toBeInTheDocument()
  })

  it('shows an error with a retry', async () => {
    const onRetry = vi.fn()
    render(<StreamList streams={undefined} status="error" error={new Error('HTTP 502')} onRetry={onRetry} />)
    expect(screen.getByRole('alert')).toHaveTextContent('HTTP 502')
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(onRetry).toHaveBeenCalledOnce()
  })

  it('asks for more once while a page is loading', async () => {
    const onLoadMore = vi.fn()
    const streams = [makeStream(), makeStream()]
    const { rerender } = render(<StreamList streams={streams} hasMore onLoadMore={onLoadMore} />)
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }))
    rerender(<StreamList streams={streams} hasMore isLoadingMore onLoadMore={onLoadMore} />)
    await userEvent.click(screen.getByRole('button', { name: 'Loading…' }))
    expect(onLoadMore).toHaveBeenCalledOnce()
  })
})

describe('StreamList (drop-in)', () => {
  it('fetches pages through the hook and ends cleanly', async () => {
    server.events.on('request:start', ({ request }) => void requests.push(request.url))
    const { wrapper: Wrapper } = createWrapper()
    render(
      <Wrapper>
        <StreamList params={{ state: 'LIVE', limit: 10 }} onSelect={() => {}} />
      </Wrapper>,
    )
    await waitFor(() => expect(screen.getAllByRole('button', { pressed: false }).length).toBe(10))
    const live = api.db.streams.all().filter((stream) => stream.state === 'LIVE').length
    while (screen.queryByRole('button', { name: /Load more|Loading/ })) {
      const button = screen.getByRole('button', { name: /Load more|Loading/ })
      if (button.textContent === 'Load more') await userEvent.click(button)
      await waitFor(() => expect(screen.queryByRole('button', { name: 'Loading…' })).toBeNull())
    }
    expect(screen.getAllByRole('listitem')).toHaveLength(live)
    expect(screen.getByText(`${live} streams, that is all.`)).toBeInTheDocument()
    expect(requests).toHaveLength(Math.ceil(live / 10))
  })

  it('shows a failure of the first page with a working retry', async () => {
    let fail = true
    server.use(http.get('https://public-api.hotmic.io/streams', () => (fail ? new HttpResponse('<html>oops</html>', { status: 502 }) : undefined)))
    const { wrapper: Wrapper } = createWrapper()
    render(
      <Wrapper>
        <StreamList params={{ limit: 5 }} />
      </Wrapper>,
    )
    expect(await screen.findByRole('alert')).toHaveTextContent('502')
    fail = false
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(5))
  })
})
