import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createHotMicClient } from '../../src/client/create-client.js'
import { HotMicError } from '../../src/client/errors.js'
import { getStreamBatched, MAX_BATCH_IDS } from '../../src/query/stream-batcher.js'
import { makeStream } from '../../src/testing/fixtures.js'
import { BASE, setupEmbeddedApi } from '../hooks/embedded-api.js'

const { api, server, requests } = setupEmbeddedApi()
const client = () => createHotMicClient({ retry: false })

describe('getStreamBatched', () => {
  it('answers calls made in the same tick from one ids=a_b_c request', async () => {
    const c = client()
    const [a, b, d] = api.db.streams.all()
    const streams = await Promise.all([getStreamBatched(c, a!.id), getStreamBatched(c, b!.id), getStreamBatched(c, d!.id), getStreamBatched(c, a!.id)])
    expect(streams.map((stream) => stream.id)).toEqual([a!.id, b!.id, d!.id, a!.id])
    expect(requests).toHaveLength(1)
    expect(requests[0]!.searchParams.get('ids')).toBe(`${a!.id}_${b!.id}_${d!.id}`)
  })

  it('keeps clients apart and later ticks apart', async () => {
    const [a, b] = api.db.streams.all()
    await Promise.all([getStreamBatched(client(), a!.id), getStreamBatched(client(), b!.id)])
    const c = client()
    await getStreamBatched(c, a!.id)
    await getStreamBatched(c, b!.id)
    expect(requests).toHaveLength(4)
  })

  it(`splits batches at ${MAX_BATCH_IDS} ids`, async () => {
    for (let index = 0; index < MAX_BATCH_IDS + 5; index++) api.db.streams.put(makeStream())
    const ids = api.db.streams.all().slice(0, MAX_BATCH_IDS + 5).map((stream) => stream.id)
    const c = client()
    const streams = await Promise.all(ids.map((id) => getStreamBatched(c, id)))
    expect(streams.map((stream) => stream.id)).toEqual(ids)
    expect(requests.map((url) => url.searchParams.get('ids')!.split('_').length)).toEqual([MAX_BATCH_IDS, 5])
  })

  it('refuses what is no id (from untyped callers) before any request', async () => {
    for (const id of [undefined, null, {}]) {
      await expect(getStreamBatched(client(), id as unknown as string)).rejects.toMatchObject({ kind: 'invalid-request' })
    }
    expect(requests).toHaveLength(0)
  })

  it('rejects a missing id with not-found and still resolves the others', async () => {
    const c = client()
    const [a] = api.db.streams.all()
    const [found, missing] = await Promise.allSettled([getStreamBatched(c, a!.id), getStreamBatched(c, 'no-such-stream')])
    expect(found).toMatchObject({ status: 'fulfilled', value: { id: a!.id } })
    expect(missing).toMatchObject({ status: 'rejected', reason: { kind: 'not-found' } })
    expect(requests).toHaveLength(1)
  })

  it('takes numeric ids and fetches an id with "_" on its own, where the client refuses it clearly', async () => {
    api.db.streams.put(makeStream({ id: '42' }))
    const c = client()
    const [numeric, underscored] = await Promise.allSettled([getStreamBatched(c, 42), getStreamBatched(c, 'a_b')])
    expect(numeric).toMatchObject({ status: 'fulfilled', value: { id: '42' } })
    expect(underscored).toMatchObject({ status: 'rejected', reason: { kind: 'invalid-request' } })
    expect(requests.map((url) => url.searchParams.get('ids'))).toEqual(['42'])
    await expect(getStreamBatched(c, '  ')).rejects.toMatchObject({ kind: 'invalid-request' })
  })

  it("aborts one caller without aborting the shared request for the others", async () => {
    const c = client()
    const [a, b] = api.db.streams.all()
    const controller = new AbortController()
    const first = getStreamBatched(c, a!.id, { signal: controller.signal })
    const second = getStreamBatched(c, b!.id)
    controller.abort()
    await expect(first).rejects.toMatchObject({ kind: 'aborted' })
    await expect(second).resolves.toMatchObject({ id: b!.id })
  })

  it('aborts the shared request once every caller aborted', async () => {
    let aborted: Promise<void> | undefined
    server.use(
      http.get(`${BASE}/streams`, ({ request }) => {
        aborted = new Promise((resolve) => request.signal.addEventListener('abort', () => resolve()))
        return new Promise<Response>(() => {})
      }),
    )
    const c = client()
    const one = new AbortController()
    const two = new AbortController()
    const first = getStreamBatched(c, 'x', { signal: one.signal })
    const second = getStreamBatched(c, 'y', { signal: two.signal })
    await expect.poll(() => requests.length).toBe(1)
    one.abort()
    await expect(first).rejects.toBeInstanceOf(HotMicError)
    two.abort()
    await expect(second).rejects.toMatchObject({ kind: 'aborted' })
    await aborted
  })

  it('passes a failure of the shared request to every caller', async () => {
    server.use(http.get(`${BASE}/streams`, () => HttpResponse.json({ message: 'down' }, { status: 500 })))
    const c = client()
    const results = await Promise.allSettled([getStreamBatched(c, 'x'), getStreamBatched(c, 'y')])
    expect(results).toMatchObject([{ reason: { kind: 'http', status: 500 } }, { reason: { kind: 'http', status: 500 } }])
  })
})
