import type { Stream } from '../client/schemas.js'

type Comparable = string | number | undefined

const TIE_PREFIX = 'tie:'

/** A stream's value for `orderBy`: strings and numbers only; anything else counts as missing. */
export function fieldValue(stream: Stream, field: string): Comparable {
  const value = (stream as unknown as Record<string, unknown>)[field]
  return typeof value === 'string' || typeof value === 'number' ? value : undefined
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number' && b !== '' && !Number.isNaN(Number(b))) return a - Number(b)
  if (typeof b === 'number' && a !== '' && !Number.isNaN(Number(a))) return Number(a) - b
  const left = String(a)
  const right = String(b)
  return left === right ? 0 : left < right ? -1 : 1
}

/**
 * The position of a stream in the list order: by the `orderBy` value (descending when `desc`),
 * streams missing the field last, ties broken by ascending id so every order is total.
 */
export function compareStreams(a: Stream, b: Stream, orderBy: string, desc: boolean): number {
  return compareKeys(fieldValue(a, orderBy), a.id, fieldValue(b, orderBy), b.id, desc)
}

function compareKeys(av: Comparable, aId: string, bv: Comparable, bId: string, desc: boolean): number {
  let order: number
  if (av === undefined || bv === undefined) order = av === bv ? 0 : av === undefined ? 1 : -1
  else order = (desc ? -1 : 1) * compareValues(av, bv)
  return order || (aId === bId ? 0 : aId < bId ? -1 : 1)
}

/**
 * The cursor for the page after `last`, given the streams still to come. A plain value (the
 * documented form, e.g. a timestamp) when it is unambiguous: every stream left has a value strictly
 * after it. When the page boundary splits a run of equal values, or streams missing the field are
 * left, a plain value would skip streams, so the cursor also carries the last id:
 * `tie:["<value>","<id>"]`. Clients pass it back unchanged.
 */
export function nextCursor(last: Stream, remaining: readonly Stream[], orderBy: string): string {
  const value = fieldValue(last, orderBy)
  const following = remaining[0]
  // Streams missing the field sort last, so one is left exactly when the final stream lacks it.
  const missingLeft = remaining.length > 0 && fieldValue(remaining.at(-1)!, orderBy) === undefined
  const ambiguous = value === undefined || missingLeft || (following !== undefined && compareValues(value, fieldValue(following, orderBy)!) === 0)
  return ambiguous ? `${TIE_PREFIX}${JSON.stringify([value ?? null, last.id])}` : String(value)
}

/**
 * Whether a stream comes strictly after `cursor` in the list order. A plain cursor compares the
 * value only, and streams missing the field never match it; a tie cursor continues the exact order.
 */
export function isAfterCursor(stream: Stream, cursor: string, orderBy: string, desc: boolean): boolean {
  const value = fieldValue(stream, orderBy)
  const tie = parseTieCursor(cursor)
  if (tie) return compareKeys(value, stream.id, tie.value, tie.id, desc) > 0
  return value !== undefined && (desc ? -1 : 1) * compareValues(value, cursor) > 0
}

function parseTieCursor(cursor: string): { value: Comparable; id: string } | null {
  if (!cursor.startsWith(TIE_PREFIX)) return null
  try {
    const parsed: unknown = JSON.parse(cursor.slice(TIE_PREFIX.length))
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string') return null
    const [value, id] = parsed as [unknown, string]
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') return null
    return { value: value ?? undefined, id }
  } catch {
    return null
  }
}
