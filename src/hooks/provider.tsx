'use client'
import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { createHotMicClient, type HotMicClient } from '../client/create-client.js'
import { refuse } from '../client/errors.js'
import type { HotMicClientOptions } from '../client/request.js'

const HotMicContext = createContext<HotMicClient | null>(null)

/** Props of {@link HotMicProvider}: a ready `client`, or the options to make one. */
export interface HotMicProviderProps extends Pick<HotMicClientOptions, 'apiKey' | 'baseUrl'> {
  /** A client from `createHotMicClient`. Takes precedence over `apiKey` / `baseUrl`. */
  client?: HotMicClient | undefined
  children?: ReactNode
}

/**
 * Makes a HotMic client available to the hooks and drop-in components. It does not create a
 * `QueryClient`: put it inside your app's own `QueryClientProvider`.
 *
 * @example
 * <QueryClientProvider client={queryClient}>
 *   <HotMicProvider baseUrl="/api/hotmic">
 *     <App />
 *   </HotMicProvider>
 * </QueryClientProvider>
 */
export function HotMicProvider({ client, apiKey, baseUrl, children }: HotMicProviderProps) {
  const value = useMemo(() => client ?? createHotMicClient({ apiKey, baseUrl }), [client, apiKey, baseUrl])
  return <HotMicContext.Provider value={value}>{children}</HotMicContext.Provider>
}

/**
 * The client of the nearest {@link HotMicProvider}. Throws a clear error outside one.
 *
 * @example
 * const client = useHotMicClient()
 * await queryClient.prefetchQuery(streamQueryOptions(client, id))
 */
export function useHotMicClient(): HotMicClient {
  const client = useContext(HotMicContext)
  if (!client) refuse('useHotMicClient: no HotMicProvider above; put one inside your QueryClientProvider')
  return client
}
