// Batching, driven by scripts/bench: 50 components mounted together, each asking for one stream.
// `?mode=batched` uses useStream (calls of one tick share `GET /streams?ids=a_b_c`); `?mode=unbatched`
// is the same 50 useQuery calls, each fetching its own stream with `client.streams.get`, the baseline.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { HotMicProvider, useHotMicClient, useStream, type Stream } from '../../../src/index.js'
import { startEmbeddedApi, type Traffic } from './embedded-api.js'

/** What one mount gives back to scripts/bench. */
export interface BatchingRun extends Traffic {
  /** From `render()` to the commit that shows every stream. */
  ms: number
}

declare global {
  interface Window {
    __batching?: Promise<BatchingRun>
  }
}

const search = new URLSearchParams(location.search)
const batched = search.get('mode') !== 'unbatched'
const COUNT = Number(search.get('n') ?? 50)

const embedded = await startEmbeddedApi()
const ids = embedded.api.db.streams
  .all()
  .slice(0, COUNT)
  .map((stream) => stream.id)
const loaded = new Map<string, Stream>()
let done: (run: BatchingRun) => void = () => {}
let failed: (error: unknown) => void = () => {}
window.__batching = new Promise((resolve, reject) => {
  done = resolve
  failed = reject
})

function useUnbatchedStream(id: string) {
  const client = useHotMicClient()
  return useQuery({ queryKey: ['unbatched', id], queryFn: ({ signal }) => client.streams.get(id, { signal }), retry: false })
}

const useOneStream = batched ? useStream : useUnbatchedStream

function Row({ id, onLoaded }: { id: string; onLoaded: (id: string, stream: Stream) => void }) {
  const { data, error } = useOneStream(id)
  useEffect(() => {
    if (data) onLoaded(id, data)
  }, [id, data, onLoaded])
  useEffect(() => {
    if (error) failed(error)
  }, [error])
  return <li>{data?.title ?? 'Loading'}</li>
}

async function finish(startedAt: number): Promise<BatchingRun> {
  const ms = performance.now() - startedAt
  for (const id of ids) if (loaded.get(id)?.id !== id) throw new Error(`Stream ${id} came back as ${loaded.get(id)?.id}`)
  return { ...(await embedded.traffic(embedded.served)), ms }
}

function onLoaded(startedAt: number) {
  let finished = false
  return (id: string, stream: Stream) => {
    loaded.set(id, stream)
    if (finished || loaded.size < ids.length) return
    finished = true
    finish(startedAt).then(done, failed)
  }
}

const startedAt = performance.now()
const report = onLoaded(startedAt)
createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={new QueryClient()}>
    <HotMicProvider baseUrl={embedded.baseUrl}>
      <ul aria-label="Streams">
        {ids.map((id) => (
          <Row key={id} id={id} onLoaded={report} />
        ))}
      </ul>
    </HotMicProvider>
  </QueryClientProvider>,
)
