import { act, render } from '@testing-library/react'
import { Suspense } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as EngineModule from '../../src/components/hls-player/hls-engine.js'
import { HlsPlayer } from '../../src/components/hls-player/hls-player.js'

// Only the start (hls.js download and playlist prefetch) is watched; the engine itself is the real one.
const engine = vi.hoisted(() => ({ starts: [] as { src: string; options: EngineModule.HlsEngineOptions; crossOrigin: unknown }[] }))
vi.mock('../../src/components/hls-player/hls-engine.js', async (importOriginal) => {
  const original = await importOriginal<typeof EngineModule>()
  return {
    ...original,
    prepareStart: (src: string, options: EngineModule.HlsEngineOptions, crossOrigin?: string | null) => {
      engine.starts.push({ src, options, crossOrigin })
    },
  }
})

// Suspends for good (a thrown promise, so React 18 runs this too): the tree never commits.
const never = new Promise<never>(() => {})
function Suspends(): null {
  throw never
}

beforeEach(() => {
  engine.starts = []
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {})
})
afterEach(() => vi.restoreAllMocks())

describe('HlsPlayer starts hls.js and the playlist as it renders', () => {
  it('before its commit: a player whose tree suspends has already started', async () => {
    await act(async () => {
      render(
        <Suspense fallback={null}>
          <HlsPlayer src="/media/ladder/master.m3u8" />
          <Suspends />
        </Suspense>,
      )
    })
    // A suspended tree's state is dropped, so React may render it again: warmStart() is idempotent.
    expect(engine.starts.length).toBeGreaterThan(0)
    expect(new Set(engine.starts.map((start) => start.src))).toEqual(new Set(['/media/ladder/master.m3u8']))
    expect(document.querySelector('video')).toBeNull()
  })

  it('once per source, not at every render, with what the engine will load with', async () => {
    const hlsConfig = { startLevel: 1 }
    const view = render(<HlsPlayer src="/a.m3u8" hlsConfig={hlsConfig} crossOrigin="use-credentials" />)
    view.rerender(<HlsPlayer src="/a.m3u8" hlsConfig={hlsConfig} crossOrigin="use-credentials" title="again" />)
    expect(engine.starts).toEqual([{ src: '/a.m3u8', options: { hls: undefined, hlsConfig, preferNative: undefined }, crossOrigin: 'use-credentials' }])
    view.rerender(<HlsPlayer src="/b.m3u8" />)
    expect(engine.starts.map((start) => start.src)).toEqual(['/a.m3u8', '/b.m3u8'])
    view.unmount()
  })

  it('not without a usable source', async () => {
    await act(async () => {
      render(
        <Suspense fallback={null}>
          <HlsPlayer />
          <HlsPlayer src="javascript:alert(1)" />
          <Suspends />
        </Suspense>,
      )
    })
    expect(engine.starts).toEqual([])
  })
})
