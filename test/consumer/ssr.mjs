// The package imported and rendered in Node with no window: SSR must not touch browser globals.
import assert from 'node:assert/strict'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'

assert.equal(typeof window, 'undefined')
const lib = await import('hotmic-react')
const testing = await import('hotmic-react/testing')
const stream = testing.makeStream({ title: 'SSR <check>', state: 'LIVE' })
const html = renderToString(
  h(QueryClientProvider, { client: new QueryClient() },
    h(lib.HotMicProvider, { baseUrl: 'https://example.com/api/hotmic' },
      h(lib.HlsPlayer, { src: stream.video_url, poster: stream.thumbnail, autoPlay: 'muted' }),
      h(lib.StreamCard, { stream, onSelect: () => {} }),
      h(lib.StreamList, { params: { state: 'LIVE' } }),
    ),
  ),
)
assert.match(html, /<video[^>]*\bmuted\b/, 'the video is muted in the markup')
assert.match(html, /<video[^>]*\bplaysInline|<video[^>]*\bplaysinline/i, 'the video plays inline in the markup')
assert.match(html, /SSR &lt;check&gt;/, 'titles render as text')
console.log(`ssr: rendered ${html.length} characters with no window`)
