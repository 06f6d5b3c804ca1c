import { fireEvent, render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { safeUrl } from '../../src/components/safe-url.js'
import { StreamCard } from '../../src/components/stream-card/stream-card.js'
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
})
