import axe from 'axe-core'
import type { ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import type { Stream } from '../../src/client/schemas.js'
import { HlsPlayer } from '../../src/components/hls-player/hls-player.js'
import { StreamCard } from '../../src/components/stream-card/stream-card.js'
import { StreamFilters } from '../../src/components/stream-filters/stream-filters.js'
import { StreamList, VIRTUALIZE_OVER } from '../../src/components/stream-list/stream-list.js'
import { makeStream, seedDatabase } from '../../src/testing/fixtures.js'
import '../../src/components/styles.css'

// The virtualizer's chunk arrives when a test says so (a slow network), then is the real module.
const chunk = vi.hoisted(() => {
  let arrive = () => {}
  const arrived = new Promise<void>((resolve) => (arrive = resolve))
  return { arrive, arrived }
})
vi.mock('../../src/components/stream-list/virtual-items.js', async (importOriginal) => {
  await chunk.arrived
  return importOriginal()
})

// Dates are laid out around this instant and cards count from it, so every run renders the same text.
const NOW = Date.UTC(2026, 0, 15, 18)
const THEMES = ['light', 'dark'] as const

let root: Root | undefined
let host: HTMLDivElement | undefined

function render(ui: ReactNode, theme: (typeof THEMES)[number] = 'light'): HTMLDivElement {
  host = document.createElement('div')
  host.className = 'hm-root'
  host.dataset['theme'] = theme
  host.style.cssText = 'background: var(--hm-bg); padding: 16px; font-family: var(--hm-font);'
  document.body.append(host)
  const created = createRoot(host)
  root = created
  flushSync(() => created.render(ui))
  return host
}

afterEach(() => {
  const current = root
  root = undefined
  if (current) flushSync(() => current.unmount())
  host?.remove()
  host = undefined
  window.scrollTo(0, 0)
})

/** axe over `node`: every violation, with the nodes it found, so a failure says what to fix. */
async function expectAccessible(node: Element) {
  const results = await axe.run(node, { resultTypes: ['violations'] })
  const found = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(found).toEqual([])
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()))
}

async function imagesLoaded(node: Element) {
  await expect.poll(() => [...node.querySelectorAll('img')].every((img) => img.complete), { timeout: 15_000 }).toBe(true)
}

const host1 = { id: 'h1', display_name: 'courtsidemaya', followers: 48_200 }
const CARDS: Record<string, Stream> = {
  live: makeStream({
    title: 'Derby day watch-along: the Champions League',
    state: 'LIVE',
    thumbnail: '/media/thumbnails/thumb-01.jpg',
    user: host1,
    tags: [{ name: 'Soccer' }, { displayName: 'Highlights' }],
  }),
  scheduled: makeStream({
    title: 'Season preview with guests from Köln and Zürich',
    state: 'SCHEDULED',
    thumbnail: undefined,
    scheduled_date: '2026-01-15T21:30:00Z',
    user: { display_name: 'thepaddockomar', followers: '1250' },
    tags: [{ name: 'F1' }],
  }),
  vod: makeStream({ title: 'مباشر: تحليل المباراة مع الجمهور', state: 'VOD', duration: 3725.4, thumbnail: undefined, user: host1 }),
  ended: makeStream({ title: 'Late-night call-in show', state: 'ENDED', thumbnail: '/media/thumbnails/does-not-exist.jpg', user: { display_name: 'nightshiftlena' } }),
}

describe('StreamCard in Chromium', () => {
  for (const theme of THEMES) {
    for (const [state, stream] of Object.entries(CARDS)) {
      it(`${state}, ${theme}: looks as recorded and has no axe violations`, async () => {
        await page.viewport(800, 600)
        const node = render(
          <div style={{ width: 300, padding: 8 }} data-testid="shot">
            <StreamCard stream={stream} now={NOW} locale="en-US" href={`/watch/${stream.id}`} />
          </div>,
          theme,
        )
        await imagesLoaded(node)
        await expectAccessible(node)
        await expect.element(page.getByTestId('shot')).toMatchScreenshot(`card-${state}-${theme}`, {
          screenshotOptions: { animations: 'disabled', caret: 'hide' },
          timeout: 15_000,
        })
      })
    }

    it(`row variant with a visible focus ring, ${theme}`, async () => {
      await page.viewport(800, 600)
      const node = render(
        <div style={{ width: 560, padding: 8 }} data-testid="shot">
          <StreamCard stream={CARDS['scheduled']!} now={NOW} locale="en-US" variant="row" onSelect={() => {}} selected />
        </div>,
        theme,
      )
      await userEvent.tab()
      expect(document.activeElement).toBe(node.querySelector('.hm-card__target'))
      expect(getComputedStyle(node.querySelector('.hm-card')!).outlineStyle).toBe('solid')
      await expectAccessible(node)
      await expect.element(page.getByTestId('shot')).toMatchScreenshot(`card-row-focused-${theme}`, {
        screenshotOptions: { animations: 'disabled', caret: 'hide' },
        timeout: 15_000,
      })
    })
  }

  it('a broken thumbnail becomes the placeholder in the same box, once', async () => {
    const node = render(
      <div style={{ width: 300 }}>
        <StreamCard stream={CARDS['ended']!} now={NOW} />
      </div>,
    )
    const media = node.querySelector('.hm-card__media')!
    const before = media.getBoundingClientRect().height
    await expect.poll(() => node.querySelector('.hm-card__placeholder')).not.toBeNull()
    expect(node.querySelector('img.hm-card__thumbnail')).toBeNull()
    expect(media.getBoundingClientRect().height).toBe(before)
  })
})

describe('StreamList in Chromium', () => {
  it.each(THEMES)('every state has no axe violations (%s)', async (theme) => {
    const streams = [CARDS['live']!, CARDS['scheduled']!, CARDS['vod']!]
    const states: [string, ReactNode][] = [
      ['loading', <StreamList key="loading" streams={undefined} status="pending" label="Loading" />],
      ['empty', <StreamList key="empty" streams={[]} label="Empty" />],
      ['error', <StreamList key="error" streams={undefined} status="error" error={new Error('HTTP 502')} onRetry={() => {}} label="Failing" />],
      ['more', <StreamList key="more" streams={streams} hasMore onLoadMore={() => {}} onSelect={() => {}} label="More to load" />],
      ['end', <StreamList key="end" streams={streams} layout="list" getHref={(s) => `/watch/${s.id}`} label="All loaded" />],
      ['filters', <StreamFilters key="filters" value={{ state: 'LIVE', orderBy: 'title' }} onChange={() => {}} />],
    ]
    for (const [name, ui] of states) {
      const node = render(ui, theme)
      expect(node.textContent, name).not.toBe('')
      await expectAccessible(node).catch((error: unknown) => {
        throw new Error(`${name}: ${String(error)}`)
      })
      flushSync(() => root!.unmount())
      root = undefined
      node.remove()
    }
  })

  it('shows the first cards as plain items while the virtualizer loads, then virtual rows, focus kept', async () => {
    await page.viewport(1280, 800)
    const many = Array.from({ length: 500 }, (_, index) => makeStream({ title: `Card ${index}`, thumbnail: undefined }))
    const node = render(<StreamList streams={many} onSelect={() => {}} />)
    const cards = () => node.querySelectorAll('.hm-card').length
    expect(node.querySelector('[data-virtual]')).toBeNull()
    expect(cards()).toBe(VIRTUALIZE_OVER)
    await userEvent.tab()
    await userEvent.keyboard('{ArrowDown}{ArrowRight}')
    expect(document.activeElement).toHaveAccessibleName('Card 5')

    chunk.arrive()
    await expect.poll(() => node.querySelector('[data-virtual]')).not.toBeNull()
    expect(document.activeElement).toHaveAccessibleName('Card 5')
    expect(cards()).toBeLessThan(VIRTUALIZE_OVER)
    await userEvent.keyboard('{ArrowDown}')
    await expect.poll(() => document.activeElement?.textContent).toContain('Card 9')
  })

  describe('10,000 streams', () => {
    // Whatever ran before: these start with the virtualizer's chunk there or on its way.
    beforeAll(() => chunk.arrive())

    const { streams } = seedDatabase({ streamCount: 10_000, userCount: 25, now: NOW, mediaBaseUrl: `${location.origin}/media` })
    const cards = () => document.querySelectorAll('.hm-card').length
    const focusedItem = () => Number(document.activeElement?.closest('[data-item]')?.getAttribute('data-item'))

    it('renders only what is visible, in columns from the container width', async () => {
      await page.viewport(1280, 800)
      const node = render(<StreamList streams={streams} onSelect={() => {}} />)
      // Cards from the first render on (plain ones while the virtualizer's chunk loads), never 10,000.
      expect(cards()).toBeGreaterThan(0)
      expect(cards()).toBeLessThan(100)
      await expect.poll(() => node.querySelector('[data-virtual]')).not.toBeNull()
      await expect.poll(cards).toBeGreaterThan(0)
      expect(cards()).toBeLessThan(100)
      // 1280 − 32 px of padding: four 240 px columns with 20 px gaps, side by side.
      const firstRow = [...node.querySelectorAll('.hm-list__row')][0]!
      const tops = [...firstRow.querySelectorAll('.hm-card')].map((card) => Math.round(card.getBoundingClientRect().top))
      expect(tops).toEqual([tops[0], tops[0], tops[0], tops[0]])
      // The page is as tall as every row would be.
      expect(document.documentElement.scrollHeight).toBeGreaterThan((10_000 / 4) * 200)

      window.scrollTo(0, document.documentElement.scrollHeight / 2)
      await expect.poll(() => Number(node.querySelector('[data-item]')?.getAttribute('data-item'))).toBeGreaterThan(4000)
      expect(cards()).toBeLessThan(100)
      // A screen reader hears where a card sits among all 10,000, not among the rows drawn.
      const item = node.querySelector('[data-item]')!
      expect(item.getAttribute('aria-setsize')).toBe('10000')
      expect(item.getAttribute('aria-posinset')).toBe(String(Number(item.getAttribute('data-item')) + 1))
      await expectAccessible(node)

      await page.viewport(390, 844)
      await expect.poll(() => node.querySelector('.hm-list__row')?.querySelectorAll('.hm-card').length).toBe(1)
      expect(cards()).toBeLessThan(100)
    })

    it('follows the element it scrolls in (a sidebar), not the page', async () => {
      await page.viewport(1280, 800)
      const node = render(
        <div style={{ height: 500, overflowY: 'auto' }}>
          <StreamList streams={streams} layout="list" onSelect={() => {}} />
        </div>,
      )
      const pane = node.firstElementChild as HTMLElement
      const items = () => [...node.querySelectorAll('[data-item]')].map((item) => Number(item.getAttribute('data-item')))
      await expect.poll(() => node.querySelector('[data-virtual]')).not.toBeNull()
      await expect.poll(cards).toBeGreaterThan(0)
      // A pane's worth of rows, and the page itself no taller than the pane.
      expect(cards()).toBeLessThan(20)
      expect(document.documentElement.scrollHeight).toBeLessThanOrEqual(800)

      pane.scrollTop = pane.scrollHeight
      await expect.poll(() => items().at(-1)).toBe(9_999)
      expect(cards()).toBeLessThan(20)
      expect(window.scrollY).toBe(0)
      const last = node.querySelector('[data-item="9999"]')!.getBoundingClientRect()
      const box = pane.getBoundingClientRect()
      expect(last.bottom).toBeLessThanOrEqual(box.bottom + 1)
      expect(last.top).toBeGreaterThan(box.top)

      // Keyboard navigation scrolls the pane to the focused card.
      pane.scrollTop = 0
      await expect.poll(() => items()[0]).toBe(0)
      await userEvent.tab()
      for (let step = 0; step < 8; step++) await userEvent.keyboard('{ArrowDown}')
      await expect.poll(focusedItem).toBe(8)
      expect(pane.scrollTop).toBeGreaterThan(0)
      expect(window.scrollY).toBe(0)
    })

    it('finds the pane when it starts scrolling later, because it was given a height', async () => {
      await page.viewport(1280, 800)
      const node = render(
        <div style={{ overflowY: 'auto' }}>
          <StreamList streams={streams.slice(0, 2000)} layout="list" onSelect={() => {}} />
        </div>,
      )
      const pane = node.firstElementChild as HTMLElement
      await expect.poll(() => node.querySelector('[data-virtual]')).not.toBeNull()
      pane.style.height = '500px'
      // The list takes the pane as its scroller once a resize shows it scrolls (a frame or two).
      await nextFrame()
      await nextFrame()
      pane.scrollTop = pane.scrollHeight / 2
      await expect.poll(() => Number(node.querySelector('[data-item]')?.getAttribute('data-item'))).toBeGreaterThan(500)
      expect(cards()).toBeLessThan(20)
    })

    it('keeps focus on the same card when the list grows past the virtualization threshold', async () => {
      await page.viewport(1280, 800)
      const node = render(<StreamList streams={streams.slice(0, 24)} onSelect={() => {}} />)
      expect(node.querySelector('[data-virtual]')).toBeNull()
      await userEvent.tab()
      await userEvent.keyboard('{ArrowDown}{ArrowRight}')
      await expect.poll(focusedItem).toBe(5)
      flushSync(() => root!.render(<StreamList streams={streams.slice(0, 500)} onSelect={() => {}} />))
      // Plain items until the virtualizer is there (at once when it was loaded before), focus kept.
      expect(document.activeElement).toHaveAccessibleName(streams[5]!.title!)
      await expect.poll(() => node.querySelector('[data-virtual]')).not.toBeNull()
      expect(document.activeElement).toHaveAccessibleName(streams[5]!.title!)
      expect(focusedItem()).toBe(5)
    })

    it('puts the virtual rows where the plain cards were, so switching does not move anything', async () => {
      await page.viewport(1280, 800)
      const many = streams.slice(0, 200)
      const node = render(<StreamList streams={many} virtualize={false} onSelect={() => {}} />)
      const boxes = () =>
        many.slice(0, 12).map((stream) => {
          const box = node.querySelector(`[data-stream-id="${stream.id}"] .hm-card`)!.getBoundingClientRect()
          return [box.left, box.top, box.width, box.height].map(Math.round)
        })
      const plain = boxes()
      flushSync(() => root!.render(<StreamList streams={many} onSelect={() => {}} />))
      await expect.poll(() => node.querySelector('[data-virtual]')).not.toBeNull()
      // Right away, and after the virtualizer's ResizeObserver pass.
      expect(boxes()).toEqual(plain)
      await nextFrame()
      await nextFrame()
      expect(boxes()).toEqual(plain)
    })

    it('keeps keyboard focus on the same stream while scrolling away and back, and navigates with arrows', async () => {
      await page.viewport(1280, 800)
      const node = render(<StreamList streams={streams} onSelect={() => {}} />)
      await expect.poll(cards).toBeGreaterThan(0)
      await userEvent.tab()
      expect(focusedItem()).toBe(0)
      await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}')
      await expect.poll(focusedItem).toBe(9)
      const focused = document.activeElement
      expect(focused).toHaveAccessibleName(streams[9]!.title!)

      for (const fraction of [0.25, 0.5, 0.9]) {
        window.scrollTo(0, document.documentElement.scrollHeight * fraction)
        await nextFrame()
        // The focused card's row stays first in the DOM; the last row shows where the viewport is.
        await expect.poll(() => Number([...node.querySelectorAll('[data-item]')].at(-1)?.getAttribute('data-item'))).toBeGreaterThan(fraction * 9_000)
        expect(document.activeElement).toBe(focused)
        expect(focused?.isConnected).toBe(true)
        expect(cards()).toBeLessThan(100)
      }

      // The next arrow press brings the focused card back into view and moves on from it.
      await userEvent.keyboard('{ArrowRight}')
      await expect.poll(focusedItem).toBe(10)
      expect(document.activeElement).toHaveAccessibleName(streams[10]!.title!)
      await userEvent.keyboard('{End}')
      await expect.poll(focusedItem, { timeout: 10_000 }).toBe(9_999)
      expect(document.activeElement).toHaveAccessibleName(streams[9_999]!.title!)
      expect(cards()).toBeLessThan(100)
      const rect = document.activeElement!.closest('.hm-card')!.getBoundingClientRect()
      expect(rect.bottom).toBeLessThanOrEqual(window.innerHeight + 1)
      expect(rect.top).toBeGreaterThanOrEqual(-1)
    })
  })
})

describe('HlsPlayer styles in Chromium', () => {
  it('its overlays are themed with no .hm-root around it: a real Try again button, rounded like the video', async () => {
    const plain = document.createElement('div')
    document.body.append(plain)
    const created = createRoot(plain)
    flushSync(() => created.render(<HlsPlayer src="/media/ladder/master.m3u8" hls={() => Promise.reject(new Error('no hls.js here'))} />))
    try {
      const button = await vi.waitFor(() => plain.querySelector<HTMLButtonElement>('[role="alert"] button') ?? Promise.reject(new Error('no alert yet')))
      const style = getComputedStyle(button)
      expect(style.backgroundColor).not.toBe('rgba(0, 0, 0, 0)')
      expect(style.borderTopWidth).toBe('1px')
      const overlay = plain.querySelector('[role="alert"]')!
      expect(getComputedStyle(overlay).borderTopLeftRadius).toBe(getComputedStyle(plain.querySelector('video')!).borderTopLeftRadius)
      expect(getComputedStyle(overlay).borderTopLeftRadius).not.toBe('0px')
      await expectAccessible(plain)
    } finally {
      flushSync(() => created.unmount())
      plain.remove()
    }
  })
})
