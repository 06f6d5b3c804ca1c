import { render, screen, waitFor } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { StreamList, VIRTUALIZE_OVER } from '../../src/components/stream-list/stream-list.js'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { createWrapper } from '../render-with-client.js'

// Counts downloads of the virtualizer's chunk; the module itself is the real one.
const chunk = vi.hoisted(() => ({ loads: 0 }))
vi.mock('../../src/components/stream-list/virtual-items.js', async (importOriginal) => {
  chunk.loads++
  return importOriginal()
})

const api = createMockHotMicApi({ now: Date.UTC(2026, 0, 15, 18) })
const server = setupServer(...api.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('the drop-in StreamList warms the virtualizer', () => {
  it('with the page that could take the list past the threshold, before it needs it', async () => {
    const { wrapper: Wrapper } = createWrapper()
    const { container } = render(
      <Wrapper>
        <StreamList params={{ limit: 24 }} onSelect={() => {}} />
      </Wrapper>,
    )
    await waitFor(() => expect(container.querySelectorAll('.hm-card:not(.hm-card--skeleton)')).toHaveLength(24))
    // 24 loaded, 24 more would still be under the threshold.
    expect(chunk.loads).toBe(0)
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(container.querySelectorAll('.hm-card')).toHaveLength(48))
    expect(48 + 24).toBeGreaterThan(VIRTUALIZE_OVER)
    // The next page could cross it: the chunk downloads now, while the list is still plain.
    await waitFor(() => expect(chunk.loads).toBe(1))
    expect(container.querySelector('[data-virtual]')).toBeNull()
  })
})
