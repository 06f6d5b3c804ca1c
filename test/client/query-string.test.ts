import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HotMicError } from '../../src/client/errors.js'
import { normalizeIds, streamQueryPairs, toQueryString, userQueryPairs, type StreamListParams } from '../../src/client/query-string.js'

const ORDER = ['ids', 'userId', 'state', 'orderBy', 'desc', 'pagination', 'cursor', 'skip', 'limit']

// Ids as apps hold them: any text without `_` (which the API uses to join them), or numbers.
const id = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }).filter((text) => !text.includes('_')),
  fc.integer({ min: 0, max: 1e6 }),
)
const absent = fc.constantFrom(undefined, null)
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(absent, arbitrary)
const text = fc.string({ unit: 'grapheme', maxLength: 16 })

const params = fc.record(
  {
    ids: maybe(fc.array(id, { maxLength: 6 })),
    userId: maybe(fc.oneof(text.filter((value) => value.trim() !== ''), fc.integer())),
    state: maybe(fc.constantFrom('live', 'LIVE', 'Vod', 'scheduled', 'ended', 'rehearsal')),
    orderBy: maybe(fc.constantFrom('last_updated', 'title', 'id', 'duration')),
    desc: maybe(fc.boolean()),
    pagination: maybe(fc.constantFrom('skip', 'cursor')),
    cursor: maybe(text),
    skip: maybe(fc.nat()),
    limit: maybe(fc.integer({ min: 1, max: 5000 })),
  },
  { requiredKeys: [] },
).filter((value) => value.cursor == null || value.skip == null) as fc.Arbitrary<StreamListParams>

function refusal(run: () => unknown): HotMicError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(HotMicError)
    return error as HotMicError
  }
  throw new Error('expected the call to throw')
}

describe('streamQueryPairs (properties)', () => {
  it('sends only documented names, in one fixed order, each at most once', () => {
    fc.assert(
      fc.property(params, (input) => {
        const names = streamQueryPairs(input).map(([name]) => name)
        expect(names).toEqual(ORDER.filter((name) => names.includes(name)))
      }),
    )
  })

  it('drops undefined and null, keeps false and 0, upper-cases state', () => {
    fc.assert(
      fc.property(params, (input) => {
        const sent = new Map(streamQueryPairs(input))
        for (const name of ['userId', 'state', 'orderBy', 'desc', 'pagination', 'cursor', 'skip', 'limit'] as const) {
          const value = input[name]
          if (value == null || (name === 'cursor' && value === '')) expect(sent.has(name)).toBe(false)
          else expect(sent.get(name)).toBe(name === 'state' ? String(value).toUpperCase() : String(value))
        }
      }),
    )
  })

  it('joins ids with _, trimmed, without duplicates or empties, and never sends ids=', () => {
    fc.assert(
      fc.property(params, (input) => {
        const sent = new Map(streamQueryPairs(input))
        const expected = [...new Set((input.ids ?? []).map((value) => String(value).trim()).filter(Boolean))]
        if (expected.length === 0) expect(sent.has('ids')).toBe(false)
        else expect(sent.get('ids')!.split('_')).toEqual(expected)
      }),
    )
  })

  it('is independent of the order the caller wrote the keys in', () => {
    fc.assert(
      fc.property(params, (input) => {
        const reversed = Object.fromEntries(Object.entries(input).reverse()) as StreamListParams
        expect(toQueryString(streamQueryPairs(reversed))).toBe(toQueryString(streamQueryPairs(input)))
      }),
    )
  })

  it('encodes reserved characters so the server reads back exactly what was meant', () => {
    fc.assert(
      fc.property(params, (input) => {
        const pairs = streamQueryPairs(input)
        const query = toQueryString(pairs)
        expect(query).not.toMatch(/[ #+]/)
        expect([...new URLSearchParams(query)]).toEqual(pairs)
      }),
    )
  })

  it('refuses an id containing _, cursor with skip, and a limit or skip that is not a (positive) integer', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(refusal(() => streamQueryPairs({ ids: ['ok', `${before}_${after}`] })).kind).toBe('invalid-request')
      }),
    )
    fc.assert(
      fc.property(text, fc.nat(), (cursor, skip) => {
        expect(refusal(() => streamQueryPairs({ cursor, skip })).message).toContain('cursor and skip')
      }),
    )
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.constant(Number.NaN)), (limit) => {
        expect(refusal(() => streamQueryPairs({ limit })).kind).toBe('invalid-request')
        expect(refusal(() => userQueryPairs({ limit })).kind).toBe('invalid-request')
      }),
    )
    expect(refusal(() => streamQueryPairs({ skip: -1 })).message).toContain('non-negative')
    for (const name of ['userId', 'state', 'orderBy'] as const) {
      expect(refusal(() => streamQueryPairs({ [name]: ' ' })).message).toContain(`${name} is empty`)
    }
    expect(streamQueryPairs({ cursor: '' })).toEqual([])
  })
})

describe('toQueryString and normalizeIds', () => {
  it('writes spaces as %20 and nothing for no pairs', () => {
    expect(toQueryString([])).toBe('')
    expect(toQueryString([['cursor', 'a b&c=d/é']])).toBe('?cursor=a%20b%26c%3Dd%2F%C3%A9')
  })

  it('keeps the first occurrence order of ids and names the offending id', () => {
    expect(normalizeIds([' b ', 'a', 2, 'b', '', '2'])).toEqual(['b', 'a', '2'])
    // From untyped code, one id given bare is one id, never its characters.
    expect(normalizeIds('abc' as never)).toEqual(['abc'])
    expect(streamQueryPairs({ ids: 'abc' as never })).toContainEqual(['ids', 'abc'])
    expect(refusal(() => normalizeIds(['chris_9073'])).message).toContain('"chris_9073"')
  })

  it('users take only ids and limit, in that order', () => {
    expect(userQueryPairs({ limit: 0 + 5, ids: ['x', 'y'] })).toEqual([['ids', 'x_y'], ['limit', '5']])
    expect(userQueryPairs({ ids: [''] })).toEqual([])
  })
})

describe('untyped input', () => {
  it('refuses limits that are not safe integers or not numbers, drops null ids, reads "false" as false', () => {
    expect(() => streamQueryPairs({ limit: 1e21 })).toThrow(/positive integer/)
    expect(() => streamQueryPairs({ limit: '5' as unknown as number })).toThrow(/got "5"/)
    expect(streamQueryPairs({ ids: [null, undefined, 'a'] as unknown as string[] })).toEqual([['ids', 'a']])
    expect(streamQueryPairs({ desc: 'false' as unknown as boolean })).toEqual([['desc', 'false']])
  })
})
