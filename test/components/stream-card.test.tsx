import { act, fireEvent, render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { safeUrl } from '../../src/components/safe-url.js'
import { INTENT_DELAY_MS, StreamCard } from '../../src/components/stream-card/stream-card.js'
import { makeStream } from '../../src/testing/fixtures.js'

describe('safeUrl', () => {
  it.each([
    ['https://example.com/a.jpg', 'https://example.com/a.jpg'],
    ['http://example.com', 'http://example.com'],
    ['/streams/1', '/streams/1'],
    ['thumb.jpg', 'thumb.jpg'],
    ['  https://example.com  ', 'https://example.com'],
  ])('keeps %s', (input, output) => expect(safeUrl(input)).toBe(output))

  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', '\u0000javascript:x', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'file:///etc/passwd', '', '   '])(
    'drops %j',
    (input) => expect(safeUrl(input)).toBeUndefined(),
  )

  it('drops non-strings', () => expect(safeUrl(42)).toBeUndefined())

  // String.prototype.trim takes every Unicode space off: the scheme must be checked after it.
  it.each(['\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u00a0\ufeff '])(
    'drops javascript: behind the Unicode space %j',
    (space) => expect(safeUrl(`${space}javascript:alert(1)`)).toBeUndefined(),
  )

  it('keeps a URL padded with Unicode spaces, trimmed', () => expect(safeUrl('\u00a0https://example.com/a.jpg\ufeff')).toBe('https://example.com/a.jpg'))

  it('a stream with a hostile URL behind a no-break space gets no href or src with it', () => {
    const evil = '\u00a0javascript:alert(document.domain)'
    const { container } = render(
      <StreamCard stream={makeStream({ thumbnail: evil, invite_link: evil, user: { id: 'u', display_name: 'x', profile_pic: evil } })} getHref={(stream) => stream.invite_link!} />,
    )
    for (const element of container.querySelectorAll('[href], [src]')) {
      expect(`${element.getAttribute('href') ?? ''}${element.getAttribute('src') ?? ''}`).not.toMatch(/javascript:/i)
    }
  })
})

describe('StreamCard', () => {
  it('is one link named by the title, with state and host', () => {
    render(<StreamCard stream={makeStream({ title: 'Derby night', state: 'LIVE' })} href="/watch/1" />)
    const links = screen.getAllByRole('link')
    expect(links).toHaveLength(1)
    expect(links[0]).toHaveAccessibleName('Derby night')
    expect(links[0]).toHaveAttribute('href', '/watch/1')
    expect(screen.getByText('Live')).toBeInTheDocument()
    expect(screen.getByText('testhost')).toBeInTheDocument()
    expect(screen.queryAllByRole('button')).toHaveLength(0)
  })

  it('is one button when it has onSelect and no href', async () => {
    const onSelect = vi.fn()
    const stream = makeStream({ title: 'Pick me' })
    render(<StreamCard stream={stream} onSelect={onSelect} />)
    await userEvent.click(screen.getByRole('button', { name: 'Pick me' }))
    expect(onSelect).toHaveBeenCalledWith(stream)
    expect(screen.queryAllByRole('link')).toHaveLength(0)
  })

  it('never puts a hostile URL into href or src, and renders hostile strings as text', () => {
    const { container } = render(
      <StreamCard
        stream={makeStream({ title: '<img src=x onerror=alert(1)>', thumbnail: 'javascript:alert(1)', user: { display_name: '<b>host</b>', profile_pic: 'data:image/svg+xml,<svg/onload=alert(1)>' } })}
        href=" JAVASCRIPT:alert(1)"
      />,
    )
    expect(container.querySelector('a')).toBeNull()
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument()
    expect(screen.getByText('<b>host</b>')).toBeInTheDocument()
  })

  it('shows a placeholder, once, when the thumbnail is missing or broken', () => {
    const { container, rerender } = render(<StreamCard stream={makeStream({ thumbnail: 'https://example.com/broken.jpg' })} />)
    const image = container.querySelector('img.hm-card__thumbnail')!
    fireEvent.error(image)
    expect(container.querySelector('img.hm-card__thumbnail')).toBeNull()
    expect(container.querySelector('.hm-card__placeholder')).not.toBeNull()
    rerender(<StreamCard stream={makeStream({ thumbnail: undefined })} />)
    expect(container.querySelector('.hm-card__placeholder')).not.toBeNull()
  })

  it('shows a VOD duration as h:mm:ss and state as data-state', () => {
    const { container } = render(<StreamCard stream={makeStream({ state: 'VOD', duration: 3725.4 })} />)
    expect(screen.getByText('1:02:05')).toBeInTheDocument()
    expect(container.firstElementChild).toHaveAttribute('data-state', 'vod')
  })

  it('spreads rest props and forwards the ref to the article', () => {
    let node: HTMLElement | null = null
    render(<StreamCard ref={(element) => void (node = element)} stream={makeStream()} data-testid="card" className="mine" />)
    expect(node).toBe(screen.getByTestId('card'))
    expect(node!.tagName).toBe('ARTICLE')
    expect(node!).toHaveClass('hm-card', 'mine')
  })

  it('shows a scheduled stream\'s local date and a countdown from the given now', () => {
    const { container } = render(
      <StreamCard stream={makeStream({ state: 'SCHEDULED', scheduled_date: '2026-01-15T21:00:00Z' })} now={Date.UTC(2026, 0, 15, 18)} locale="en-US" />,
    )
    expect(screen.getByText('Scheduled')).toBeInTheDocument()
    expect(container.querySelector('time')).toHaveAttribute('dateTime', '2026-01-15T21:00:00Z')
    expect(container.querySelector('.hm-card__when')).toHaveTextContent(/^Starts Jan 15, \d{1,2}:00\s?[AP]M · in 3 hours$/)
  })

  it('shows tags by name or displayName, with a safe tag thumbnail only', () => {
    const { container } = render(
      <StreamCard
        stream={makeStream({
          tags: [{ name: 'NFL', tag_thumbnail: 'https://example.com/nfl.png' }, { displayName: 'Podcast', tag_thumbnail: 'javascript:alert(1)' }, { uuid: 'no-label' }],
        })}
      />,
    )
    expect([...container.querySelectorAll('.hm-tag')].map((tag) => tag.textContent)).toEqual(['NFL', 'Podcast'])
    expect([...container.querySelectorAll('.hm-tag img')].map((img) => img.getAttribute('src'))).toEqual(['https://example.com/nfl.png'])
  })

  it('marks the thumbnail box with the orientation, and followers in compact form', () => {
    const { container } = render(<StreamCard stream={makeStream({ video_orientation: 'portrait', user: { display_name: 'h', followers: '125000' } })} />)
    expect(container.querySelector('.hm-card__media')).toHaveAttribute('data-orientation', 'portrait')
    expect(screen.getByText('125K followers')).toBeInTheDocument()
  })

  it('renders actions outside the link, from a node or a function of the stream', async () => {
    const stream = makeStream({ title: 'With actions' })
    const onShare = vi.fn()
    render(<StreamCard stream={stream} href="/watch" actions={(s) => <button type="button" onClick={() => onShare(s.id)}>Share</button>} />)
    const link = screen.getByRole('link', { name: 'With actions' })
    const share = screen.getByRole('button', { name: 'Share' })
    expect(link.contains(share)).toBe(false)
    await userEvent.click(share)
    expect(onShare).toHaveBeenCalledWith(stream.id)
  })

  it('a link with onSelect lets modified clicks through to the browser', () => {
    const onSelect = vi.fn()
    render(<StreamCard stream={makeStream({ title: 'Both' })} href="/watch" onSelect={onSelect} />)
    const link = screen.getByRole('link', { name: 'Both' })
    fireEvent.click(link, { ctrlKey: true })
    expect(onSelect).not.toHaveBeenCalled()
    fireEvent.click(link)
    expect(onSelect).toHaveBeenCalledOnce()
  })
})

describe('StreamCard intent', () => {
  afterEach(() => vi.useRealTimers())

  it('fires once per hover after the pointer rests, never for a fly-over', () => {
    vi.useFakeTimers()
    const onIntent = vi.fn()
    const stream = makeStream()
    const { container } = render(<StreamCard stream={stream} href="/watch" onIntent={onIntent} />)
    const card = container.querySelector('article')!
    fireEvent.pointerEnter(card)
    vi.advanceTimersByTime(INTENT_DELAY_MS - 1)
    fireEvent.pointerLeave(card)
    vi.advanceTimersByTime(1000)
    expect(onIntent).not.toHaveBeenCalled()

    fireEvent.pointerEnter(card)
    vi.advanceTimersByTime(INTENT_DELAY_MS)
    expect(onIntent).toHaveBeenCalledExactlyOnceWith(stream)
    // Focus during the same hover does not repeat it; a new hover does.
    fireEvent.focus(screen.getByRole('link'))
    fireEvent.pointerEnter(card)
    vi.advanceTimersByTime(1000)
    expect(onIntent).toHaveBeenCalledOnce()
    fireEvent.pointerLeave(card)
    fireEvent.blur(screen.getByRole('link'))
    fireEvent.pointerEnter(card)
    vi.advanceTimersByTime(INTENT_DELAY_MS)
    expect(onIntent).toHaveBeenCalledTimes(2)
  })

  it('fires when keyboard focus rests on a card, not when it runs through, and not after unmount', () => {
    vi.useFakeTimers()
    const onIntent = vi.fn()
    const first = makeStream({ title: 'First' })
    const second = makeStream({ title: 'Second' })
    const { unmount } = render(
      <>
        <StreamCard stream={first} onSelect={() => {}} onIntent={onIntent} />
        <StreamCard stream={second} onSelect={() => {}} onIntent={onIntent} />
      </>,
    )
    const [a, b] = screen.getAllByRole('button')
    // Arrow keys or Tab running on within the rest: nothing for the card left behind.
    fireEvent.focus(a!)
    vi.advanceTimersByTime(INTENT_DELAY_MS - 1)
    fireEvent.blur(a!)
    fireEvent.focus(b!)
    vi.advanceTimersByTime(INTENT_DELAY_MS)
    expect(onIntent).toHaveBeenCalledExactlyOnceWith(second)
    fireEvent.blur(b!)
    fireEvent.focus(a!)
    vi.advanceTimersByTime(INTENT_DELAY_MS)
    expect(onIntent).toHaveBeenLastCalledWith(first)
    onIntent.mockClear()

    fireEvent.pointerEnter(screen.getAllByRole('article')[1]!)
    unmount()
    vi.advanceTimersByTime(1000)
    expect(onIntent).not.toHaveBeenCalled()
  })
})

describe('StreamCard preview', () => {
  afterEach(() => vi.useRealTimers())

  it('plays muted in one card at a time while the pointer rests, and stops on leave', () => {
    vi.useFakeTimers()
    const { container } = render(
      <>
        <StreamCard stream={makeStream({ title: 'A', state: 'LIVE' })} onSelect={() => {}} preview />
        <StreamCard stream={makeStream({ title: 'B', state: 'VOD' })} onSelect={() => {}} preview />
        <StreamCard stream={makeStream({ title: 'C', state: 'SCHEDULED' })} onSelect={() => {}} preview />
      </>,
    )
    const [a, b, c] = [...container.querySelectorAll('article')]
    const videos = () => [...container.querySelectorAll('article')].map((card) => card.querySelectorAll('video.hm-card__preview').length)
    fireEvent.pointerEnter(a!)
    expect(videos()).toEqual([0, 0, 0])
    act(() => void vi.advanceTimersByTime(INTENT_DELAY_MS))
    expect(videos()).toEqual([1, 0, 0])
    const video = a!.querySelector('video')!
    expect(video.muted).toBe(true)
    expect(video).toHaveAttribute('aria-hidden', 'true')
    // Hovering another card moves the preview there (a touch pointer never sends leave first).
    fireEvent.pointerEnter(b!)
    act(() => void vi.advanceTimersByTime(INTENT_DELAY_MS))
    expect(videos()).toEqual([0, 1, 0])
    fireEvent.pointerLeave(b!)
    expect(videos()).toEqual([0, 0, 0])
    // Nothing to preview before a stream starts.
    fireEvent.pointerEnter(c!)
    act(() => void vi.advanceTimersByTime(INTENT_DELAY_MS))
    expect(videos()).toEqual([0, 0, 0])
  })

  it('is off by default and with reduced motion', () => {
    vi.useFakeTimers()
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('reduce'), media: query }))
    const { container } = render(
      <>
        <StreamCard stream={makeStream({ state: 'LIVE' })} onSelect={() => {}} />
        <StreamCard stream={makeStream({ state: 'LIVE' })} onSelect={() => {}} preview />
      </>,
    )
    for (const card of container.querySelectorAll('article')) {
      fireEvent.pointerEnter(card)
      act(() => void vi.advanceTimersByTime(INTENT_DELAY_MS))
    }
    expect(container.querySelector('video')).toBeNull()
    vi.unstubAllGlobals()
  })
})

describe('StreamCard countdown', () => {
  afterEach(() => vi.useRealTimers())

  it('ticks while the card is shown, and stops on unmount', () => {
    vi.useFakeTimers()
    vi.setSystemTime(Date.UTC(2026, 0, 15, 18, 0, 0))
    const stream = makeStream({ state: 'SCHEDULED', scheduled_date: '2026-01-15T18:02:00Z', title: 'Soon' })
    const { unmount } = render(<StreamCard stream={stream} locale="en" onSelect={() => {}} />)
    expect(screen.getByText(/in 2 minutes/)).toBeInTheDocument()
    act(() => void vi.advanceTimersByTime(15_000))
    expect(screen.getByText(/in 1 minute/)).toBeInTheDocument()
    act(() => void vi.advanceTimersByTime(60_000))
    expect(document.querySelector('.hm-card__countdown')).toHaveTextContent('now')
    unmount()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('stays still with a fixed now (stories, snapshots)', () => {
    vi.useFakeTimers()
    const stream = makeStream({ state: 'SCHEDULED', scheduled_date: '2026-01-15T20:00:00Z' })
    render(<StreamCard stream={stream} locale="en" now={Date.UTC(2026, 0, 15, 18)} onSelect={() => {}} />)
    expect(vi.getTimerCount()).toBe(0)
    expect(screen.getByText(/in 2 hours/)).toBeInTheDocument()
  })
})
