// Open a stream from a card: with or without the intent prefetch that hover and focus trigger.
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import { HlsPlayer, preloadHls } from '../../../src/index.js'
import { LADDER, reportFirstFrame } from './first-frame.js'

function App({ prefetch }: { prefetch: boolean }) {
  const [open, setOpen] = useState(false)
  const warm = prefetch ? () => void preloadHls(LADDER) : undefined
  return open ? (
    <HlsPlayer src={LADDER} autoPlay="muted" style={{ width: 640, height: 360 }} />
  ) : (
    <button
      type="button"
      id="open"
      onPointerEnter={warm}
      onFocus={warm}
      onClick={() => {
        window.__bench = { clickedAt: performance.now() }
        reportFirstFrame()
        setOpen(true)
      }}
    >
      Watch the stream
    </button>
  )
}

/** Renders the page's app. */
export function mount(prefetch: boolean) {
  createRoot(document.getElementById('root')!).render(<App prefetch={prefetch} />)
}
