import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMockHotMicApi } from '../../src/testing/mock-api.js'
import { createLiveOrigin } from '../../src/testing/media/live-origin.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const MEDIA = 'http://localhost/media'

function parse(text: string) {
  const tag = (name: string) => Number(new RegExp(`^#${name}:(\\d+)$`, 'm').exec(text)?.[1])
  return {
    sequence: tag('EXT-X-MEDIA-SEQUENCE'),
    discontinuitySequence: tag('EXT-X-DISCONTINUITY-SEQUENCE'),
    segments: text.split('\n').filter((line) => line.startsWith('http')).map((line) => line.replace(`${MEDIA}/`, '')),
    discontinuities: text.split('\n').filter((line) => line === '#EXT-X-DISCONTINUITY').length,
    ended: text.includes('#EXT-X-ENDLIST'),
  }
}

async function get(url: string) {
  const response = await fetch(url)
  return { status: response.status, type: response.headers.get('content-type'), playlist: parse(await response.text()) }
}

describe('createLiveOrigin', () => {
  it('serves a sliding window over the VOD segments that advances with the clock, then ends with #EXT-X-ENDLIST', async () => {
    let now = 1_000_000
    const origin = createLiveOrigin({ mediaBaseUrl: MEDIA, clock: () => now })
    server.use(...origin.handlers)
    expect(origin.url('ladder')).toBe('http://localhost/live/ladder/index.m3u8')

    const first = await get(origin.url('ladder'))
    expect(first.status).toBe(200)
    expect(first.type).toBe('application/vnd.apple.mpegurl')
    expect(first.playlist).toEqual({
      sequence: 0,
      discontinuitySequence: 0,
      segments: ['ladder/360p/seg-000.ts', 'ladder/360p/seg-001.ts', 'ladder/360p/seg-002.ts', 'ladder/360p/seg-003.ts'],
      discontinuities: 0,
      ended: false,
    })

    now += 1999
    expect((await get(origin.url('ladder'))).playlist.sequence).toBe(0)
    now += 1
    expect((await get(origin.url('ladder'))).playlist.segments[0]).toBe('ladder/360p/seg-001.ts')

    // 10 segments later the window wraps past seg-011 back to seg-000, behind a discontinuity.
    now += 9 * 2000
    const wrapped = (await get(origin.url('ladder'))).playlist
    expect(wrapped.sequence).toBe(10)
    expect(wrapped.segments).toEqual(['ladder/360p/seg-010.ts', 'ladder/360p/seg-011.ts', 'ladder/360p/seg-000.ts', 'ladder/360p/seg-001.ts'])
    expect(wrapped.discontinuities).toBe(1)
    expect(wrapped.discontinuitySequence).toBe(0)
    now += 2 * 2000
    const after = (await get(origin.url('ladder'))).playlist
    expect(after).toMatchObject({ sequence: 12, discontinuitySequence: 1, discontinuities: 0 })

    origin.end('ladder')
    expect(origin.status('ladder')).toBe('ended')
    now += 60_000
    const ended = (await get(origin.url('ladder'))).playlist
    expect(ended).toMatchObject({ sequence: 12, ended: true })
  })

  it('stop() makes the playlist 404 until restart(), which goes live from the current time', async () => {
    let now = 0
    const origin = createLiveOrigin({ mediaBaseUrl: MEDIA, clock: () => now, windowSize: 3 })
    server.use(...origin.handlers)
    origin.stop('portrait')
    expect((await get(origin.url('portrait'))).status).toBe(404)
    now = 500_000
    origin.restart('portrait')
    const live = await get(origin.url('portrait'))
    expect(live.status).toBe(200)
    expect(live.playlist).toMatchObject({ sequence: 0, segments: ['portrait/seg-000.ts', 'portrait/seg-001.ts', 'portrait/seg-002.ts'], ended: false })
    expect((await get('http://localhost/live/nope/index.m3u8')).status).toBe(404)
    expect(() => origin.end('nope')).toThrow(/no stream "nope"/)
  })

  it('is part of the embedded API: the seeded LIVE streams play from it, VOD streams from the media with an MP4 fallback', async () => {
    const api = createMockHotMicApi({ mediaBaseUrl: MEDIA })
    server.use(...api.handlers)
    const streams = api.db.streams.all()
    const live = streams.filter((stream) => stream.state === 'LIVE')
    expect(live.length).toBeGreaterThan(0)
    for (const stream of live) {
      expect(stream.video_url).toMatch(/^http:\/\/localhost\/live\/(ladder|portrait)\/index\.m3u8$/)
      const { status, playlist } = await get(stream.video_url!)
      expect(status).toBe(200)
      expect(playlist.ended).toBe(false)
      expect(playlist.segments).toHaveLength(4)
    }
    for (const stream of streams.filter((s) => s.state === 'VOD')) {
      expect(stream.video_url).toMatch(/^http:\/\/localhost\/media\/(ladder\/master|portrait\/index)\.m3u8$/)
      expect(stream.video_mp4_url).toBe(`${MEDIA}/vod.mp4`)
    }
  })
})
