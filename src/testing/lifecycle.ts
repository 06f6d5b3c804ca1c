import type { KnownStreamState, Stream } from '../client/schemas.js'
import type { MockDatabase } from './database.js'
import { createRandom } from './random.js'

/** The state a stream moves to next; `VOD` is final. */
export const NEXT_STATE: Readonly<Record<KnownStreamState, KnownStreamState | null>> = {
  SCHEDULED: 'LIVE',
  LIVE: 'ENDED',
  ENDED: 'VOD',
  VOD: null,
}

function nextState(stream: Stream): KnownStreamState | null {
  // Unknown states have no documented successor: the simulation leaves them alone.
  return NEXT_STATE[String(stream.state ?? 'SCHEDULED').toUpperCase() as KnownStreamState] ?? null
}

/** Options of {@link MockLifecycle.start}. */
export interface LifecycleTimerOptions {
  /** Time between steps in ms. Default 5 000. */
  intervalMs?: number
  /** Which streams the timer moves. Default: every stream that is not yet `VOD`. */
  ids?: readonly string[]
  /** Called after each step with the changed stream. */
  onAdvance?: (stream: Stream) => void
}

/**
 * Moves streams through SCHEDULED → LIVE → ENDED → VOD, as `api.lifecycle`. Every step bumps
 * `last_updated`, so `client.streams.updatedSince` (and live-sync hooks) see it.
 *
 * @example
 * api.lifecycle.advance(id) // SCHEDULED → LIVE, with live_date set
 * api.lifecycle.start({ intervalMs: 3000 })
 * // later, e.g. in afterEach or a story's cleanup:
 * api.lifecycle.stop()
 */
export interface MockLifecycle {
  /**
   * One step for one stream; returns the updated stream. Going LIVE sets `live_date`; ENDED sets
   * `duration` (time since `live_date`); VOD sets `video_mp4_url`. A `VOD` stream (or one in an
   * undocumented state) stays as it is and is not bumped. Throws a `RangeError` for an unknown id.
   */
  advance(id: string): Stream
  /** Starts advancing one seeded-random stream every `intervalMs` (the same streams in the same order at every start). Restarts if already running. */
  start(options?: LifecycleTimerOptions): void
  /** Stops the timer; no timer is left behind. Safe to call when stopped. */
  stop(): void
  /** Whether the timer runs. */
  readonly running: boolean
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** The next `last_updated`: now, but always at least a second after the previous one. */
export function bumpTimestamp(db: MockDatabase, previous: string | undefined): string {
  const before = previous ? Date.parse(previous) : Number.NaN
  return iso(Math.max(db.now(), Number.isNaN(before) ? 0 : before + 1000))
}

/** Creates the lifecycle simulation over a store. `mp4Url` is the download set when a stream becomes VOD. */
export function createLifecycle(db: MockDatabase, mp4Url: () => string, seed = 1): MockLifecycle {
  let random = createRandom(seed)
  let timer: ReturnType<typeof setInterval> | undefined

  function advance(id: string): Stream {
    const stream = db.streams.get(id)
    if (!stream) throw new RangeError(`No stream ${JSON.stringify(id)} in the embedded API`)
    const next = nextState(stream)
    if (next === null) return stream
    const lastUpdated = bumpTimestamp(db, stream.last_updated)
    const changed: Stream = { ...stream, state: next, last_updated: lastUpdated }
    if (next === 'LIVE') changed.live_date = lastUpdated
    if (next === 'ENDED' || (next === 'VOD' && stream.duration === undefined)) {
      const started = Date.parse(stream.live_date ?? '')
      changed.duration = Number.isNaN(started) ? 0 : Math.max(0, (Date.parse(lastUpdated) - started) / 1000)
    }
    if (next === 'VOD') changed.video_mp4_url = mp4Url()
    return db.streams.put(changed)
  }

  const stop = () => {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }

  return {
    advance,
    start(options = {}) {
      stop()
      // Every start picks the same streams in the same order, whatever ran before.
      random = createRandom(seed)
      const wanted = options.ids ? new Set(options.ids) : undefined
      timer = setInterval(() => {
        const movable = db.streams
          .all()
          .filter((stream) => (wanted ? wanted.has(stream.id) : true) && nextState(stream) !== null)
        if (movable.length === 0) return stop()
        const changed = advance(random.pick(movable).id)
        options.onAdvance?.(changed)
      }, options.intervalMs ?? 5000)
    },
    stop,
    get running() {
      return timer !== undefined
    },
  }
}
