import { act, render } from '@testing-library/react'
import { Suspense } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as EngineModule from '../../src/components/hls-player/hls-engine.js'
import { HlsPlayer } from '../../src/components/hls-player/hls-player.js'

// Only the warm start is watched; the engine itself is the real one.
const engine = vi.hoisted(() => ({ warmed: [] as unknown[][] }))
vi.mock('../../src/components/hls-player/hls-engine.js', async (importOriginal) => {
  const original = await importOriginal<typeof EngineModule>()
  return {
    ...original,
    warmStart: (...args: unknown[]) => {
      engine.warmed.push(args)
    },
  }
})

// Suspends for good (a thrown promise, so React 18 runs this too): the tree never commits.
const never = new Promise<never>(() => {})
function Suspends(): null {
  throw never
}

beforeEach(() => {
  engine.warmed = []
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {})
})
afterEach(() => vi.restoreAllMocks())

describe('HlsPlayer starts hls.js and the playlist as it renders', () => {
  it('before its commit: a player whose tree suspends has already asked for both', async () => {
    await act(async () => {
      render(
        <Suspense fallback={null}>
          <HlsPlayer src="/media/ladder/master.m3u8" />
          <HlsPlayer src="/live.m3u8" crossOrigin="use-credentials" hlsConfig={{ maxBufferLength: 10 }} />
          <Suspends />
        </Suspense>,
      )
    })
    // React may render a suspended tree more than once: warmStart itself is idempotent.
    expect(engine.warmed).toContainEqual(['/media/ladder/master.m3u8', 'same-origin', undefined])
    expect(engine.warmed).toContainEqual(['/live.m3u8', 'include', { maxBufferLength: 10 }])
    expect(engine.warmed.every(([src]) => src === '/media/ladder/master.m3u8' || src === '/live.m3u8')).toBe(true)
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
    expect(engine.warmed).toEqual([])
  })
})
