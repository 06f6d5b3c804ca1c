import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { StreamList } from '../../src/components/stream-list/stream-list.js'
import { hotmicKeys } from '../../src/query/keys.js'
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

  it('shows one card per id when the data repeats a stream, with no duplicate-key warning', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const [a, b] = [makeStream({ title: 'A' }), makeStream({ title: 'B' })]
    render(<StreamList streams={[a!, b!, { ...a!, title: 'A again' }, b!]} onSelect={() => {}} />)
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['A', 'B'])
    expect(error).not.toHaveBeenCalled()
    error.mockRestore()
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

/** A stand-in IntersectionObserver (jsdom has none) that lets the test say when the sentinel shows. */
function stubIntersectionObserver() {
  const observers: { callback: IntersectionObserverCallback; targets: Element[]; disconnected: boolean }[] = []
  class FakeIntersectionObserver {
    private record: (typeof observers)[number]
    constructor(callback: IntersectionObserverCallback) {
      this.record = { callback, targets: [], disconnected: false }
      observers.push(this.record)
    }
    observe(target: Element) {
      this.record.targets.push(target)
    }
    unobserve() {}
    disconnect() {
      this.record.disconnected = true
    }
    takeRecords() {
      return []
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver)
  const show = () => {
    for (const observer of observers.filter((o) => !o.disconnected)) {
      const entries = observer.targets.map((target) => ({ isIntersecting: true, target }) as IntersectionObserverEntry)
      observer.callback(entries, observer as unknown as IntersectionObserver)
    }
  }
  return { observers, show }
}

describe('StreamList infinite loading', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('makes one request per page when the sentinel fires twice, with one observer for the list', async () => {
    const io = stubIntersectionObserver()
    server.events.on('request:start', ({ request }) => void requests.push(request.url))
    const { wrapper: Wrapper } = createWrapper()
    render(
      <Wrapper>
        <StreamList params={{ limit: 10 }} onSelect={() => {}} />
      </Wrapper>,
    )
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(10))
    expect(requests).toHaveLength(1)
    act(() => {
      io.show()
      io.show()
    })
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(20))
    expect(requests).toHaveLength(2)
    act(() => {
      io.show()
      io.show()
    })
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(30))
    expect(requests).toHaveLength(3)
    // Renders and pages later, still the one observer it started with.
    expect(io.observers).toHaveLength(1)
    expect(io.observers[0]!.disconnected).toBe(false)
  })

  it('does not ask while a page is loading or when there is no more', () => {
    const io = stubIntersectionObserver()
    const onLoadMore = vi.fn()
    const streams = [makeStream()]
    const { rerender } = render(<StreamList streams={streams} hasMore isLoadingMore onLoadMore={onLoadMore} />)
    io.show()
    rerender(<StreamList streams={streams} hasMore={false} onLoadMore={onLoadMore} />)
    io.show()
    expect(onLoadMore).not.toHaveBeenCalled()
    rerender(<StreamList streams={streams} hasMore onLoadMore={onLoadMore} />)
    io.show()
    expect(onLoadMore).toHaveBeenCalledOnce()
  })
})

describe('StreamList keyboard and intent', () => {
  it('moves focus between cards with the arrow keys, Home and End', async () => {
    const streams = Array.from({ length: 5 }, (_, index) => makeStream({ title: `Card ${index}` }))
    render(<StreamList streams={streams} onSelect={() => {}} />)
    await userEvent.tab()
    expect(screen.getByRole('button', { name: 'Card 0' })).toHaveFocus()
    await userEvent.keyboard('{ArrowRight}')
    expect(screen.getByRole('button', { name: 'Card 1' })).toHaveFocus()
    await userEvent.keyboard('{End}')
    expect(screen.getByRole('button', { name: 'Card 4' })).toHaveFocus()
    await userEvent.keyboard('{ArrowRight}')
    expect(screen.getByRole('button', { name: 'Card 4' })).toHaveFocus()
    await userEvent.keyboard('{Home}')
    expect(screen.getByRole('button', { name: 'Card 0' })).toHaveFocus()
    // Unstyled in jsdom: one column, so down is the next card.
    await userEvent.keyboard('{ArrowDown}')
    expect(screen.getByRole('button', { name: 'Card 1' })).toHaveFocus()
  })

  it('in a right-to-left layout, the left arrow moves forward', async () => {
    const streams = Array.from({ length: 3 }, (_, index) => makeStream({ title: `Card ${index}` }))
    render(
      <div dir="rtl" style={{ direction: 'rtl' }}>
        <StreamList streams={streams} onSelect={() => {}} />
      </div>,
    )
    await userEvent.tab()
    await userEvent.keyboard('{ArrowLeft}')
    expect(screen.getByRole('button', { name: 'Card 1' })).toHaveFocus()
    await userEvent.keyboard('{ArrowRight}')
    expect(screen.getByRole('button', { name: 'Card 0' })).toHaveFocus()
  })

  it('the drop-in list warms a card\'s stream query on hover, once', async () => {
    const { wrapper: Wrapper, queryClient } = createWrapper()
    const onIntent = vi.fn()
    render(
      <Wrapper>
        <StreamList params={{ limit: 3 }} onSelect={() => {}} cardProps={{ onIntent }} />
      </Wrapper>,
    )
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(3))
    server.events.on('request:start', ({ request }) => void requests.push(decodeURIComponent(new URL(request.url).search)))
    const card = screen.getAllByRole('article')[1]!
    const id = within(card).getByRole('button').closest('[data-stream-id]')!.getAttribute('data-stream-id')!
    fireEvent.pointerEnter(card)
    await waitFor(() => expect(queryClient.getQueryState(hotmicKeys.streams.detail(id))?.status).toBe('success'))
    fireEvent.pointerLeave(card)
    fireEvent.pointerEnter(card)
    await new Promise((resolve) => setTimeout(resolve, 200))
    // The API has no GET /streams/{id}: the client asks for `ids`.
    expect(requests).toEqual([`?ids=${id}&limit=1`])
  })
})
