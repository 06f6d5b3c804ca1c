// A fresh app that installs the packed tarball and follows the README's quick start, on the
// embedded HotMic API (hotmic-react/testing) through MSW's service worker.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { HotMicProvider, StreamList, HlsPlayer } from 'hotmic-react'
import { createMockHotMicApi } from 'hotmic-react/testing'
import 'hotmic-react/styles.css'
import { setupWorker } from 'msw/browser'
import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'

const queryClient = new QueryClient()

export function App() {
  const [current, setCurrent] = useState(null)
  return (
    <QueryClientProvider client={queryClient}>
      <HotMicProvider baseUrl="/api/hotmic">
        {current ? <HlsPlayer src={current.video_url} poster={current.thumbnail} autoPlay="muted" /> : null}
        <StreamList params={{ state: 'LIVE' }} onSelect={setCurrent} />
      </HotMicProvider>
    </QueryClientProvider>
  )
}

const api = createMockHotMicApi({ baseUrl: `${location.origin}/api/hotmic`, mediaBaseUrl: `${location.origin}/media` })
await setupWorker(...api.handlers).start({ onUnhandledRequest: 'bypass', quiet: true })
createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
