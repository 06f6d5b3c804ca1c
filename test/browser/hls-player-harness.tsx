import type { ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { setupWorker } from 'msw/browser'
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest'

// Real media events arrive on their own schedule, outside act(): render with flushSync (a sync render
// also flushes its effects) and poll for what the user would see.

export const LADDER = '/media/ladder/master.m3u8'
export const PORTRAIT = '/media/portrait/index.m3u8'
export const MP4 = '/media/vod.mp4'
export const CAPTIONS = '/media/captions/en.vtt'
/** Generous bounds: several engineers share two cores. Conditions are polled, durations never asserted. */
export const POLL = { timeout: 25_000, interval: 50 }
// A short forward buffer keeps hls.js fetching while the test runs, so "no requests after
// unmount" means something.
export const SHORT_BUFFER = { maxBufferLength: 4, maxMaxBufferLength: 6 }

let root: Root | undefined
let container: HTMLDivElement | undefined

/** The current test's container (after {@link render}). */
export function host(): HTMLDivElement {
  if (!container) throw new Error('nothing rendered')
  return container
}

export function render(ui: ReactNode): HTMLVideoElement {
  container = document.createElement('div')
  document.body.append(container)
  const created = createRoot(container)
  root = created
  flushSync(() => created.render(ui))
  const video = container.querySelector('video')
  if (!video) throw new Error('no <video> rendered')
  return video
}

export function rerender(ui: ReactNode) {
  const current = root
  if (!current) throw new Error('nothing rendered')
  flushSync(() => current.render(ui))
}

export function unmount() {
  const current = root
  root = undefined
  if (current) flushSync(() => current.unmount())
  container?.remove()
  container = undefined
}

/**
 * Resource Timing entries for HLS media (playlists and segments) whose path contains `part` and that
 * started after `since`. An entry appears when its request ends, so a request aborted at unmount is
 * listed later: what counts is when a request started.
 */
/** Resource Timing entries that started at or after `since` (ms) and whose path passes `test`. */
export function resourceEntries(since: number, test: (path: string) => boolean): PerformanceResourceTiming[] {
  return performance.getEntriesByType('resource').filter((entry) => entry.startTime >= since && test(new URL(entry.name).pathname)) as PerformanceResourceTiming[]
}

export function mediaRequests(part = '/media/', since = 0): number {
  return resourceEntries(since, (path) => path.includes(part) && /\.(m3u8|ts)$/.test(path)).length
}

/** A frame is decoded, time advances and the player says so. */
export async function expectPlaying(video: HTMLVideoElement) {
  await expect.poll(() => video.videoWidth, POLL).toBeGreaterThan(0)
  const start = video.currentTime
  await expect.poll(() => video.currentTime, POLL).toBeGreaterThan(start + 0.3)
  await expect.poll(() => video.dataset.state, POLL).toBe('playing')
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * An MSW worker started for the test file: the page's own files (modules, the generated media) pass
 * through; any other request no handler answers fails. Add handlers with `worker.use`.
 */
export function startMockWorker() {
  const worker = setupWorker()
  beforeAll(() =>
    worker.start({
      quiet: true,
      onUnhandledRequest(request, print) {
        if (new URL(request.url).origin !== location.origin) print.error()
      },
    }),
  )
  afterAll(() => worker.stop())
  return worker
}

/**
 * {@link startMockWorker}, with each test starting on an empty resource timing buffer (room for
 * 10,000 entries) and ending unmounted, with the worker's handlers reset and mocks restored.
 */
export function startMockWorkerPerTest() {
  const worker = startMockWorker()
  beforeEach(() => {
    performance.setResourceTimingBufferSize(10_000)
    performance.clearResourceTimings()
  })
  afterEach(() => {
    unmount()
    worker.resetHandlers()
    vi.restoreAllMocks()
  })
  return worker
}
