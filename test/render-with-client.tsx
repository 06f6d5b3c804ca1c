import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook, type RenderHookOptions } from '@testing-library/react'
import type { ReactNode } from 'react'
import { createHotMicClient, type HotMicClient } from '../src/client/create-client.js'
import { HotMicProvider } from '../src/hooks/provider.js'

/** A fresh QueryClient and HotMic client per test, wired like an app would. */
export function createWrapper(client: HotMicClient = createHotMicClient({ retry: false })) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } })
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <HotMicProvider client={client}>{children}</HotMicProvider>
    </QueryClientProvider>
  )
  return { queryClient, client, wrapper }
}

/** `renderHook` inside a fresh {@link createWrapper}. */
export function renderHotMicHook<TResult, TProps>(hook: (props: TProps) => TResult, options: Omit<RenderHookOptions<TProps>, 'wrapper'> = {}) {
  const setup = createWrapper()
  return { ...setup, ...renderHook(hook, { ...options, wrapper: setup.wrapper }) }
}
