import type { Preview } from '@storybook/react-vite'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { useState, type ReactNode } from 'react'
import { HotMicProvider } from '../src/hooks/provider.js'
import { createMockHotMicApi } from '../src/testing/mock-api.js'
import '../src/components/styles.css'

// A fresh QueryClient per story, so no story sees another's cache.
function StoryProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }))
  return (
    <QueryClientProvider client={queryClient}>
      <HotMicProvider>{children}</HotMicProvider>
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
  beforeEach({ msw }) {
    // A fresh embedded HotMic API (and store) per story; the seeded video_urls point at /media.
    msw.use(...createMockHotMicApi().handlers)
  },
  decorators: [
    (Story) => (
      <StoryProviders>
        <Story />
      </StoryProviders>
    ),
  ],
  parameters: {
    layout: 'fullscreen',
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i, date: /date$/i } },
  },
  tags: ['autodocs'],
}

export default preview
