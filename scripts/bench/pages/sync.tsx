// Live sync traffic, driven by scripts/bench: 1,000 cached streams kept current while the embedded
// API changes 10 of them every interval (all at its start, `?pattern=spread` over it, or
// `?pattern=once`: in the first interval only).
// `?mode=updates` syncs with useStreamUpdates; `?mode=refetch` refetches the whole list on the same
// interval (`refetchInterval`), the naive baseline.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { HotMicProvider, hotmicKeys, useStreams, useStreamUpdates, type Stream, type StreamPage } from '../../../src/index.js'
import { startEmbeddedApi, type Traffic } from './embedded-api.js'

/** What one measured window gives back to scripts/bench. */
export interface SyncWindow extends Traffic {
  elapsedMs: number
  changes: number
  /** The streams carried by each request that started after the last change, in order. */
  after: number[]
}

declare global {
  interface Window {
    __sync?: {
      /** Resolves once the list is cached and, with live sync, its first sync is done. */
      ready: Promise<void>
      /** Changes `changes` streams in each of `intervals` intervals (at its start, or spread) and measures the API traffic. */
      measure(intervals: number): Promise<SyncWindow>
      /** Waits for two more syncs, then counts cached streams that differ from the API's store. */
      settle(): Promise<number>
    }
  }
}

const search = new URLSearchParams(location.search)
const mode = search.get('mode') === 'refetch' ? 'refetch' : 'updates'
const intervalMs = Number(search.get('interval') ?? 1000)
const changesPerInterval = Number(search.get('changes') ?? 10)
// 'batch': every change of an interval at its start (the worst case for whole-second timestamps);
// 'spread': each change at its own moment within the interval, from a seeded generator;
// 'once': the changes of the first interval at its start, then none (an idle page).
const pattern = search.get('pattern') ?? 'batch'
const STREAMS = 1000
const LIST = { limit: STREAMS }

const embedded = await startEmbeddedApi({ streamCount: STREAMS })
const { api } = embedded
const queryClient = new QueryClient()

// Syncs seen so far, and who waits for the next one.
let syncs = 0
let onSync: Array<() => void> = []
let markReady: () => void = () => {}
const ready = new Promise<void>((resolve) => (markReady = resolve))

function synced() {
  syncs++
  const waiting = onSync
  onSync = []
  for (const resolve of waiting) resolve()
}

function LiveSync() {
  const { lastSyncAt } = useStreamUpdates({ intervalMs })
  useEffect(() => {
    if (lastSyncAt !== null) synced()
  }, [lastSyncAt])
  return null
}

function App() {
  const list = useStreams(LIST, mode === 'refetch' ? { refetchInterval: intervalMs } : undefined)
  const loaded = list.data !== undefined
  useEffect(() => {
    if (mode === 'refetch' && list.dataUpdatedAt > 0) synced()
  }, [list.dataUpdatedAt])
  useEffect(() => {
    if (!loaded) return
    if (mode === 'refetch') markReady()
    else if (syncs > 0) markReady()
    else onSync.push(markReady)
  }, [loaded])
  return (
    <main>
      <h1>{loaded ? `${list.data.results.length} streams` : 'Loading'}</h1>
      {loaded && mode === 'updates' ? <LiveSync /> : null}
    </main>
  )
}

// Streams that can still change state, in store order; each change moves the next one a step.
let cursor = 0
function changeStreams(count: number): number {
  const all = api.db.streams.all()
  let changed = 0
  for (let tried = 0; changed < count && tried < all.length; tried++) {
    const stream = all[cursor++ % all.length]!
    if (String(stream.state).toUpperCase() === 'VOD') continue
    api.lifecycle.advance(stream.id)
    changed++
  }
  return changed
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())))

/** When each change happens, in ms from the start of the window, in order. */
function schedule(intervals: number): number[] {
  let seed = 0x2f6b3a91
  // mulberry32: the same moments in every run.
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const moments: number[] = []
  for (let i = 0; i < (pattern === 'once' ? 1 : intervals); i++) {
    for (let c = 0; c < changesPerInterval; c++) moments.push(i * intervalMs + (pattern === 'spread' ? random() * intervalMs : 0))
  }
  return moments.sort((a, b) => a - b)
}

window.__sync = {
  ready,
  async measure(intervals) {
    const start = performance.now()
    const before = embedded.served.length
    let changes = 0
    const moments = schedule(intervals)
    for (let i = 0; i < moments.length; ) {
      const at = moments[i]!
      let count = 0
      for (; moments[i] === at; i++) count++
      await sleepUntil(start + at)
      // Changes due at the same moment happen in one task, as one write of several streams.
      changes += changeStreams(count)
    }
    await sleepUntil(start + intervals * intervalMs)
    const elapsedMs = performance.now() - start
    const inWindow = embedded.served.slice(before).filter((entry) => entry.startedAt < start + elapsedMs)
    // Responses still on their way belong to the window too: their requests started in it.
    const later = inWindow.filter((entry) => entry.startedAt > start + moments.at(-1)!)
    const after = await Promise.all(later.map(async (entry) => (await embedded.traffic([entry])).items))
    return { ...(await embedded.traffic(inWindow)), elapsedMs, changes, after }
  },
  async settle() {
    const target = syncs + 2
    while (syncs < target) await new Promise<void>((resolve) => onSync.push(resolve))
    const cached = queryClient.getQueryData<StreamPage>(hotmicKeys.streams.list(LIST))?.results ?? []
    if (cached.length !== STREAMS) throw new Error(`Expected ${STREAMS} cached streams, found ${cached.length}`)
    const differs = (stream: Stream) => {
      const stored = api.db.streams.get(stream.id)
      return stored?.last_updated !== stream.last_updated || stored?.state !== stream.state
    }
    return cached.filter(differs).length
  },
}

function Root() {
  return (
    <QueryClientProvider client={queryClient}>
      <HotMicProvider baseUrl={embedded.baseUrl}>
        <App />
      </HotMicProvider>
    </QueryClientProvider>
  )
}

createRoot(document.getElementById('root')!).render(<Root />)
