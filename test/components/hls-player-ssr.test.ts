// @vitest-environment node
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { HlsPlayer } from '../../src/components/hls-player/hls-player.js'

describe('HlsPlayer on the server', () => {
  it('renders a plain <video> with poster, muted and playsinline in the markup, and no source yet', () => {
    const html = renderToString(
      createElement(HlsPlayer, { src: '/media/ladder/master.m3u8', poster: '/media/thumbnails/thumb-01.jpg', autoPlay: 'muted', orientation: 'portrait' }),
    )
    const video = /<video[^>]*>/.exec(html)?.[0] ?? ''
    expect(video).toMatch(/\sposter="\/media\/thumbnails\/thumb-01.jpg"/)
    expect(video).toMatch(/\smuted=""/)
    expect(video).toMatch(/\splaysInline=""|\splaysinline=""/i)
    expect(video).toMatch(/data-state="loading"/)
    expect(video).not.toMatch(/\ssrc=/)
    expect(html).toMatch(/aspect-ratio:9 \/ 16/)
  })
})
