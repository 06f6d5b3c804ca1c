import type { Preview } from '@storybook/react-vite'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { useState, type ReactNode } from 'react'
import { HotMicProvider } from '../src/hooks/provider.js'
import { createMockHotMicApi, type MockHotMicApi } from '../src/testing/index.js'
import '../src/components/styles.css'
import { applyResilience, brokenMediaHandlers, RESILIENCE_GLOBAL_TYPES, RESILIENCE_INITIAL_GLOBALS, ResilienceProvider, type ResilienceGlobals } from './resilience.js'

// `HOTMIC_API_KEY=… npm start` proxies this path to the real API (see hotmic-proxy.ts); in tests
// and by default it is empty and every story runs on the embedded API.
const REAL_API_PATH = typeof __HOTMIC_API_PATH__ === 'string' ? __HOTMIC_API_PATH__ : ''

// The current story's embedded API and the media toolbar value, read by the MSW media handlers.
let currentApi: MockHotMicApi | null = null
let mediaMode: string | undefined

// A fresh QueryClient per story, so no story sees another's cache.
function StoryProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }))
  return (
    <QueryClientProvider client={queryClient}>
      <HotMicProvider baseUrl={REAL_API_PATH || undefined}>{children}</HotMicProvider>
    </QueryClientProvider>
  )
}

const preview: Preview = {
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker()
      // Media, fonts and Storybook's own requests must pass through untouched.
      await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
      return worker
    }),
  ],
  beforeEach({ msw, globals }) {
    // A fresh embedded HotMic API (and store) per story; the seeded video_urls point at /media.
    currentApi = REAL_API_PATH ? null : createMockHotMicApi()
    // Faults in force before the first request; ResilienceProvider follows later toolbar changes.
    if (currentApi) applyResilience(currentApi, globals as ResilienceGlobals)
    msw.use(...brokenMediaHandlers(() => mediaMode), ...(currentApi?.handlers ?? []))
    return () => currentApi?.lifecycle.stop()
  },
  decorators: [
    (Story, { globals }) => {
      mediaMode = (globals as ResilienceGlobals).media
      return (
        <ResilienceProvider api={currentApi} globals={globals as ResilienceGlobals}>
          <StoryProviders>
            <Story />
          </StoryProviders>
        </ResilienceProvider>
      )
    },
  ],
  globalTypes: RESILIENCE_GLOBAL_TYPES,
  initialGlobals: RESILIENCE_INITIAL_GLOBALS,
  parameters: {
    layout: 'fullscreen',
    options: {
      storySort: {
        order: [
          'Flows',
          ['Stream browser', 'Host admin', 'Resilience'],
          'Docs',
          ['Getting started', 'Hooks', 'Components', 'Theming', 'The embedded API in your tests', 'Proxy setup'],
          'Components',
          'Hooks',
          'Embedded API',
        ],
      },
    },
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i, date: /date$/i } },
  },
  tags: ['autodocs'],
}

export default preview
