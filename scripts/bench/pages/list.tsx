// StreamList with `?n=` streams: first render time, DOM size, and frame times while scrolling.
import { useLayoutEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { preloadVirtualizer, StreamList } from '../../../src/index.js'
import { seedDatabase } from '../../../src/testing/index.js'
import '../../../src/components/styles.css'

declare global {
  interface Window {
    __list?: { rendered?: number; nodes?: number; cards?: number; scroll?: () => Promise<number[]> }
  }
}

const count = Number(new URLSearchParams(location.search).get('n') ?? 50)
const { streams } = seedDatabase({ streamCount: count, userCount: 25, now: Date.UTC(2026, 0, 15, 18), mediaBaseUrl: `${location.origin}/media` })
window.__list = {}

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve))
}

/** Scrolls to the end in 60 steps, one per frame, and returns each frame's duration. */
async function scroll(): Promise<number[]> {
  const frames: number[] = []
  const max = document.documentElement.scrollHeight - innerHeight
  let last = await nextFrame()
  for (let step = 1; step <= 60; step++) {
    scrollTo(0, (max * step) / 60)
    const now = await nextFrame()
    frames.push(now - last)
    last = now
  }
  return frames
}

function Measured({ startedAt }: { startedAt: number }) {
  useLayoutEffect(() => {
    // The frame after the first commit: React's render and commit, style, layout and paint.
    void nextFrame().then(() => {
      window.__list = {
        rendered: performance.now() - startedAt,
        nodes: document.getElementsByTagName('*').length,
        cards: document.querySelectorAll('.hm-card').length,
        scroll,
      }
    })
  }, [startedAt])
  return <StreamList streams={streams} label="Streams" onSelect={() => {}} />
}

// The virtualizer's chunk is loaded first, as an app that expects long lists does: whether it
// arrived before the first frame would otherwise decide what is measured.
await preloadVirtualizer()
createRoot(document.getElementById('root')!).render(<Measured startedAt={performance.now()} />)
