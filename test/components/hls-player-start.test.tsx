import { act, render } from '@testing-library/react'
import { Suspense } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as EngineModule from '../../src/components/hls-player/hls-engine.js'
import { HlsPlayer } from '../../src/components/hls-player/hls-player.js'

// Only the download of hls.js is watched; the engine itself is the real one.
const engine = vi.hoisted(() => ({ preloads: 0 }))
vi.mock('../../src/components/hls-player/hls-engine.js', async (importOriginal) => {
  const original = await importOriginal<typeof EngineModule>()
  return {
    ...original,
    preloadHls: () => {
      engine.preloads++
      return Promise.resolve()
    },
  }
})

// Suspends for good (a thrown promise, so React 18 runs this too): the tree never commits.
const never = new Promise<never>(() => {})
function Suspends(): null {
  throw never
}

beforeEach(() => {
  engine.preloads = 0
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {})
})
afterEach(() => vi.restoreAllMocks())

describe('HlsPlayer starts the hls.js download as it renders', () => {
  it('before its commit: a player whose tree suspends has already asked for hls.js', async () => {
    await act(async () => {
      render(
        <Suspense fallback={null}>
          <HlsPlayer src="/media/ladder/master.m3u8" />
          <Suspends />
        </Suspense>,
      )
    })
    expect(engine.preloads).toBeGreaterThan(0)
    expect(document.querySelector('video')).toBeNull()
  })

  it('not without a source, with an injected hls.js, or when native HLS is preferred', async () => {
    const Hls = Object.assign(vi.fn(), { isSupported: () => true })
    await act(async () => {
      render(
        <Suspense fallback={null}>
          <HlsPlayer />
          <HlsPlayer src="javascript:alert(1)" />
          <HlsPlayer src="/a.m3u8" hls={Hls} />
          <HlsPlayer src="/a.m3u8" preferNative />
          <Suspends />
        </Suspense>,
      )
    })
    expect(engine.preloads).toBe(0)
  })
})
