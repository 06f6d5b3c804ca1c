import type { QueryClient, QueryKey } from '@tanstack/react-query'
import type { HotMicClient } from '../client/create-client.js'
import type { StreamListParams } from '../client/query-string.js'
import type { Stream } from '../client/schemas.js'
import { HotMicError } from '../client/errors.js'
import { toCursorTimestamp, type UpdatedSinceParams } from '../client/streams.js'
import { hotmicKeys } from './keys.js'
import { findCachedItems, patchCachedStream } from './stream-cache.js'

/** Options of {@link createStreamSync}. */
export interface StreamSyncOptions {
  /** Time between syncs in ms, counted from the end of the previous one. */
  intervalMs: number
  /** Filters for the updated-since request (`state`, `userId`, `ids`, `limit` per page). */
  params?: UpdatedSinceParams | undefined
  /**
   * How far behind the newest seen `last_updated` a request starts, in ms, while that second may
   * still get writes. Default 1000, the least that is safe with HotMic's whole-second timestamps:
   * the cursor is "strictly after", and several streams can share the newest second, some written
   * after the last request. Once a request that succeeded left `overlapMs` after that second ended
   * on HotMic's clock, requests start at the newest change itself, so its second does not come
   * again. `overlapMs` is thus also how late a write may become visible after its second (a
   * transaction that commits late, a lagging replica): raise it for a backend that lags more.
   * HotMic's clock is bounded from below by the newest `last_updated` it has sent (never counted
   * past this device's clock) plus the time since, on this device's monotonic clock.
   */
  overlapMs?: number | undefined
  /**
   * The first cursor. Default: the newest `last_updated` in the cache, else the current time less
   * five minutes (this device's clock may run ahead of HotMic's).
   */
  since?: string | Date | number | undefined
  /** Whose `visibilityState` pauses the sync. Default: the global `document`, when there is one. */
  document?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'> | undefined
  /** Clock for `lastSyncAt`. Default `Date.now`. */
  now?: (() => number) | undefined
}

/** What a {@link StreamSync} reports. */
export interface StreamSyncState {
  /** When the last successful sync finished (ms since epoch), or `null` before the first. */
  lastSyncAt: number | null
  /** Changed streams the last successful sync found. */
  changes: number
  /** Changed streams since `start()`. */
  totalChanges: number
  /** The error of the last sync, cleared by the next success. */
  error: unknown
  /** True while the page is hidden. */
  paused: boolean
  /** True while a request is running. */
  syncing: boolean
}

/** A running incremental sync, from {@link createStreamSync}. */
export interface StreamSync {
  start(): void
  stop(): void
  /** Runs one sync now (the timer restarts after it). Resolves to the number of changes found. */
  syncNow(): Promise<number>
  getState(): StreamSyncState
  subscribe(listener: () => void): () => void
}

function upper(state: unknown): string | undefined {
  return typeof state === 'string' ? state.toUpperCase() : undefined
}

function listParams(key: QueryKey): StreamListParams {
  const params = key[4]
  return typeof params === 'object' && params !== null ? (params as StreamListParams) : {}
}

function matches(params: StreamListParams, stream: Stream): boolean {
  if (params.state != null && upper(params.state) !== upper(stream.state)) return false
  if (params.userId != null && String(params.userId) !== stream.user_id) return false
  if (params.ids != null && !params.ids.map(String).includes(stream.id)) return false
  return true
}

/** The longest delay `setTimeout` keeps: a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * How far this device's clock and HotMic's may disagree: a sync with nothing cached starts this far
 * behind this device's clock, and a `last_updated` more than this past it is a broken stamp.
 */
const CLOCK_SKEW_MS = 5 * 60_000

/**
 * The newest `last_updated` among cached streams, in ms, or `undefined` when none has one. With
 * `now` (this device's clock), broken stamps more than five minutes past it are left out, and the
 * answer is never past `now`.
 */
export function newestCachedUpdate(queryClient: QueryClient, now?: number): number | undefined {
  let newest: number | undefined
  for (const [, data] of queryClient.getQueriesData({ queryKey: hotmicKeys.streams.all() })) {
    const pages = (data as { pages?: unknown[] } | undefined)?.pages ?? [data]
    for (const page of pages) {
      const results = (page as { results?: Stream[] } | undefined)?.results ?? (page && 'id' in (page as object) ? [page as Stream] : [])
      for (const stream of results) {
        const ms = Date.parse(stream.last_updated ?? '')
        if (Number.isFinite(ms) && (newest === undefined || ms > newest) && !(now !== undefined && ms > now + CLOCK_SKEW_MS)) newest = ms
      }
    }
  }
  return now === undefined || newest === undefined ? newest : Math.min(newest, now)
}

/**
 * Applies changed streams to the cache: every cached copy is replaced; lists filtered by a state
 * the stream left or entered are invalidated, and so are matching lists when a stream was not
 * cached at all (it may belong in them). Resolves when the invalidations are done.
 */
export async function applyStreamChanges(queryClient: QueryClient, changed: readonly Stream[]): Promise<void> {
  const stale = new Set<string>()
  const unknown: Stream[] = []
  for (const stream of changed) {
    const before = findCachedItems<Stream>(queryClient, hotmicKeys.streams.all(), stream.id)
    if (before.length === 0) unknown.push(stream)
    for (const old of before) {
      const from = upper(old.state)
      const to = upper(stream.state)
      if (from !== to) {
        if (from) stale.add(from)
        if (to) stale.add(to)
      }
    }
    patchCachedStream(queryClient, stream.id, (old) => ({ ...old, ...stream }))
  }
  if (stale.size === 0 && unknown.length === 0) return
  await queryClient.invalidateQueries({
    queryKey: hotmicKeys.streams.lists(),
    predicate: (query) => {
      const params = listParams(query.queryKey)
      const state = upper(params.state)
      if (state && stale.has(state)) return true
      return unknown.some((stream) => matches(params, stream))
    },
  })
}

/**
 * Incremental live sync with the documented updated-since recipe, over an app's `QueryClient`.
 * Keeps a high-water mark of `last_updated` (requests start `overlapMs` behind it until its second
 * is known to be over on HotMic's clock, and changes already applied are skipped by id and content),
 * fetches only what changed, patches every cached copy, and invalidates state-filtered lists when a stream changes state (SCHEDULED → LIVE
 * → ENDED → VOD). Pauses while the page is hidden and syncs at once when it shows. A `last_updated`
 * more than five minutes past this device's clock is broken: the change is applied, but the stamp
 * moves nothing.
 *
 * @example
 * const sync = createStreamSync(queryClient, client, { intervalMs: 5000 })
 * sync.start()
 * // later
 * sync.stop()
 */
export function createStreamSync(queryClient: QueryClient, client: HotMicClient, options: StreamSyncOptions): StreamSync {
  if (!(options.intervalMs > 0 && options.intervalMs <= MAX_TIMER_MS)) {
    throw new HotMicError({ kind: 'invalid-request', message: `Stream sync needs a positive intervalMs up to ${MAX_TIMER_MS}, got ${String(options.intervalMs)}` })
  }
  if (options.overlapMs !== undefined && !(options.overlapMs >= 0 && options.overlapMs <= CLOCK_SKEW_MS)) {
    throw new HotMicError({ kind: 'invalid-request', message: `Stream sync needs an overlapMs from 0 to ${CLOCK_SKEW_MS}, got ${String(options.overlapMs)}` })
  }
  const initial = options.since === undefined ? undefined : Date.parse(toCursorTimestamp(options.since))
  const overlapMs = options.overlapMs ?? 1000
  const now = options.now ?? Date.now
  const listeners = new Set<() => void>()
  // What was applied per stream within the overlap window: a copy that comes again unchanged is skipped.
  const seen = new Map<string, { at: number; json: string }>()
  let state: StreamSyncState = { lastSyncAt: null, changes: 0, totalChanges: 0, error: null, paused: false, syncing: false }
  let mark: number | undefined
  // HotMic's clock is at least monotonic time + lead (from the stamps it sent), and was at least
  // `proven` when the last successful request left: every second that had ended by then came in full.
  let lead = -Infinity
  let proven = -Infinity
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | undefined
  let running = false
  let doc: StreamSyncOptions['document']

  function set(patch: Partial<StreamSyncState>) {
    state = { ...state, ...patch }
    for (const listener of listeners) listener()
  }

  function schedule() {
    clearTimeout(timer)
    timer = undefined
    if (running && !state.paused) timer = setTimeout(() => void syncNow(), options.intervalMs)
  }

  async function syncNow(): Promise<number> {
    clearTimeout(timer)
    controller?.abort()
    const current = new AbortController()
    controller = current
    mark ??= initial ?? newestCachedUpdate(queryClient, now()) ?? now() - CLOCK_SKEW_MS
    set({ syncing: true })
    const leftAt = performance.now() + lead
    try {
      // Seconds up to the cursor's must have ended overlapMs before a request that succeeded left.
      const from = Math.min(mark, Math.max(mark - overlapMs, proven - 1000 - overlapMs))
      const cursor = new Date(from).toISOString().replace(/\.\d{3}Z$/, 'Z')
      const changed = await client.streams.updatedSince(cursor, options.params, { signal: current.signal })
      if (current.signal.aborted) return 0
      const receivedAt = performance.now()
      const fresh = changed.filter((stream) => {
        const parsed = Date.parse(stream.last_updated ?? '')
        // A stamp more than five minutes past this device's clock is broken: it moves nothing, and
        // since every answer brings it again, its copy stays known for good.
        const broken = parsed > now() + CLOCK_SKEW_MS
        const dated = Number.isFinite(parsed) && !broken
        const at = dated ? parsed : broken ? Infinity : mark!
        if (dated) lead = Math.max(lead, Math.min(parsed, now()) - receivedAt)
        // Whole-second timestamps: a second change within the same second keeps the timestamp, so
        // only a copy identical to the one applied is skipped.
        const json = JSON.stringify(stream)
        if (seen.get(stream.id)?.json === json) return false
        seen.set(stream.id, { at, json })
        // Never past this device's clock: one stream dated in the future must not move the cursor
        // beyond every change to come.
        if (dated && at > mark!) mark = Math.max(mark!, Math.min(at, now()))
        return true
      })
      // Copies older than the overlap window can never come back.
      for (const [id, { at }] of seen) if (at < mark - overlapMs) seen.delete(id)
      proven = Math.max(proven, leftAt)
      await applyStreamChanges(queryClient, fresh)
      set({ syncing: false, lastSyncAt: now(), changes: fresh.length, totalChanges: state.totalChanges + fresh.length, error: null })
      return fresh.length
    } catch (error) {
      if (current.signal.aborted) return 0
      set({ syncing: false, error })
      return 0
    } finally {
      if (controller === current) {
        controller = undefined
        schedule()
      }
    }
  }

  const onVisibility = () => {
    const hidden = doc?.visibilityState === 'hidden'
    if (hidden === state.paused) return
    set({ paused: hidden })
    if (hidden) {
      clearTimeout(timer)
      controller?.abort()
      controller = undefined
      if (state.syncing) set({ syncing: false })
    } else if (running) {
      void syncNow()
    }
  }

  return {
    start() {
      if (running) return
      running = true
      doc = options.document ?? (typeof document === 'undefined' ? undefined : document)
      doc?.addEventListener('visibilitychange', onVisibility)
      set({ paused: doc?.visibilityState === 'hidden' })
      if (!state.paused) void syncNow()
    },
    stop() {
      running = false
      doc?.removeEventListener('visibilitychange', onVisibility)
      clearTimeout(timer)
      controller?.abort()
      controller = undefined
      if (state.syncing) set({ syncing: false })
    },
    syncNow,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
