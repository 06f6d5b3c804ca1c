import type { HotMicClient } from '../client/create-client.js'
import { HotMicError } from '../client/errors.js'
import type { Id } from '../client/query-string.js'
import type { Stream } from '../client/schemas.js'
import { pathId } from '../client/resource-api.js'

/** The most ids one batched request carries: the API's default page size, so one page answers all. */
export const MAX_BATCH_IDS = 100

interface Waiter {
  resolve: (stream: Stream) => void
  reject: (error: unknown) => void
  signal: AbortSignal | undefined
  settled: boolean
}

interface Batch {
  waiters: Map<string, Waiter[]>
}

const pending = new WeakMap<HotMicClient, Batch>()

function abortError(signal: AbortSignal): HotMicError {
  return new HotMicError({ kind: 'aborted', message: 'The request was aborted', cause: signal.reason })
}

function settle(waiter: Waiter, outcome: { stream: Stream } | { error: unknown }) {
  if (waiter.settled) return
  waiter.settled = true
  if ('stream' in outcome) waiter.resolve(outcome.stream)
  else waiter.reject(outcome.error)
}

function notFound(id: string): HotMicError {
  return new HotMicError({ kind: 'not-found', status: 404, message: `stream ${JSON.stringify(id)} was not found`, method: 'GET' })
}

async function run(client: HotMicClient, ids: string[], waiters: Map<string, Waiter[]>) {
  const all = ids.flatMap((id) => waiters.get(id)!)
  // The shared request is aborted only once every caller of this batch has gone.
  const controller = new AbortController()
  const onAbort = (waiter: Waiter) => () => {
    settle(waiter, { error: abortError(waiter.signal!) })
    if (all.every((other) => other.settled)) controller.abort()
  }
  const cleanups = all.map((waiter) => {
    if (!waiter.signal) return () => {}
    if (waiter.signal.aborted) {
      onAbort(waiter)()
      return () => {}
    }
    const listener = onAbort(waiter)
    waiter.signal.addEventListener('abort', listener, { once: true })
    return () => waiter.signal!.removeEventListener('abort', listener)
  })
  if (controller.signal.aborted) return
  try {
    const page = await client.streams.list({ ids, limit: ids.length }, { signal: controller.signal })
    const byId = new Map(page.results.map((stream) => [stream.id, stream]))
    for (const id of ids) {
      const stream = byId.get(id)
      for (const waiter of waiters.get(id)!) settle(waiter, stream ? { stream } : { error: notFound(id) })
    }
  } catch (error) {
    for (const waiter of all) settle(waiter, { error })
  } finally {
    for (const cleanup of cleanups) cleanup()
  }
}

function flush(client: HotMicClient, batch: Batch) {
  pending.delete(client)
  const ids = [...batch.waiters.keys()]
  for (let start = 0; start < ids.length; start += MAX_BATCH_IDS) {
    void run(client, ids.slice(start, start + MAX_BATCH_IDS), batch.waiters)
  }
}

/**
 * One stream by id, sharing a single `GET /streams?ids=a_b_c` with every other call made for the
 * same client in the same tick. Batches are split at {@link MAX_BATCH_IDS}; an id containing `_`
 * cannot be joined and is fetched alone. A missing id rejects with a `not-found` HotMicError. Each
 * caller's `signal` aborts only its own call; the shared request stops when every caller aborted.
 * The request goes out on a `setTimeout(0)`: under fake timers, advance them for it to leave.
 *
 * @example
 * const [a, b] = await Promise.all([getStreamBatched(client, 'a'), getStreamBatched(client, 'b')]) // one request
 */
export function getStreamBatched(client: HotMicClient, id: Id, options: { signal?: AbortSignal | undefined } = {}): Promise<Stream> {
  let wanted: string
  try {
    pathId(id)
    wanted = String(id).trim()
  } catch (error) {
    return Promise.reject(error)
  }
  if (wanted.includes('_')) return client.streams.get(wanted, options)
  if (options.signal?.aborted) return Promise.reject(abortError(options.signal))

  let batch = pending.get(client)
  if (!batch) {
    const created: Batch = { waiters: new Map() }
    pending.set(client, created)
    // A macrotask, so calls from separate effects, awaited prefetches and microtasks of one tick share a request.
    setTimeout(() => flush(client, created), 0)
    batch = created
  }
  const current = batch
  return new Promise<Stream>((resolve, reject) => {
    const waiter: Waiter = { resolve, reject, signal: options.signal, settled: false }
    const list = current.waiters.get(wanted)
    if (list) list.push(waiter)
    else current.waiters.set(wanted, [waiter])
  })
}
