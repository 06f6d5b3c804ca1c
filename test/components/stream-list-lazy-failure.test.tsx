import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { preloadVirtualizer } from '../../src/components/stream-list/preload-virtualizer.js'
import { StreamList } from '../../src/components/stream-list/stream-list.js'
import { makeStream } from '../../src/testing/fixtures.js'

// The virtualizer's chunk cannot be downloaded (offline, a deploy removed it).
const chunk = vi.hoisted(() => ({ loads: 0 }))
vi.mock('../../src/components/stream-list/virtual-items.js', () => {
  chunk.loads++
  throw new TypeError('Failed to fetch dynamically imported module')
})

describe('StreamList when the virtualizer cannot load', () => {
  it('shows every stream as plain items, keeps the keyboard working, and tries again when asked', async () => {
    const streams = Array.from({ length: 80 }, (_, index) => makeStream({ title: `Card ${index}` }))
    const { container } = render(<StreamList streams={streams} onSelect={() => {}} />)
    await waitFor(() => expect(container.querySelectorAll('.hm-card')).toHaveLength(80))
    expect(container.querySelector('[data-virtual]')).toBeNull()
    expect(chunk.loads).toBe(1)
    act(() => screen.getByRole('button', { name: 'Card 0' }).focus())
    fireEvent.keyDown(document.activeElement!, { key: 'End' })
    expect(screen.getByRole('button', { name: 'Card 79' })).toHaveFocus()

    // No retry loop on its own, but a later preload tries again (and the list stays whole).
    await act(() => preloadVirtualizer())
    expect(chunk.loads).toBe(2)
    expect(container.querySelectorAll('.hm-card')).toHaveLength(80)
    expect(screen.getByRole('button', { name: 'Card 79' })).toHaveFocus()
  })
})
