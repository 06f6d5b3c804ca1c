/** `locale` if Intl accepts it (`en_US` is refused with a RangeError), else the reader's default. */
function usable(locale: string | undefined): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale)[0]
  } catch {
    return undefined
  }
}

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat

/** At most this many formatters are kept; past it the cache starts over (an app uses a handful). */
const MAX_FORMATTERS = 32
const formatters = new Map<string, Formatter>()

/**
 * One formatter per kind and locale, made once: building one costs 30–110 µs, formatting with it
 * about 1 µs, and a list renders a score of cards per frame while it scrolls.
 */
function formatter<T extends Formatter>(kind: string, locale: string | undefined, make: (locale: string | undefined) => T): T {
  const key = `${kind} ${locale ?? ''}`
  let found = formatters.get(key) as T | undefined
  if (!found) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear()
    formatters.set(key, (found = make(usable(locale))))
  }
  return found
}

/** The longest duration shown (1,000 hours): past it, a value is broken data, not a recording. */
const MAX_DURATION_S = 3_600_000

/**
 * Seconds as `h:mm:ss` (or `m:ss` under an hour); `undefined` for anything that is not a number
 * from 0 to 1,000 hours.
 *
 * @example formatDuration(3725.4) // '1:02:05'
 */
export function formatDuration(seconds: number | undefined): string | undefined {
  if (typeof seconds !== 'number' || !(seconds >= 0 && seconds < MAX_DURATION_S)) return undefined
  const total = Math.floor(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/**
 * A follower count in compact form (`12K`), from a number or a numeric string; `undefined` otherwise.
 *
 * @example formatCompactNumber('1200') // '1.2K'
 */
export function formatCompactNumber(value: number | string | undefined, locale?: string): string | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isFinite(number)) return typeof value === 'string' && value.trim() ? value : undefined
  return formatter('compact', locale, (tag) => new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 })).format(number)
}

/**
 * A follower count as cards show it: `48.2K followers`, `1 follower`. `undefined` for what is not a
 * count (negative, fractional, beyond a safe integer, not a number), so bad data shows nothing.
 *
 * @example formatFollowers('48200') // '48.2K followers'
 */
export function formatFollowers(value: number | string | undefined, locale?: string): string | undefined {
  // Digits only: not '0x10', '1e3' or ' '; -0 counts as 0.
  const count = typeof value === 'string' ? (/^\d+$/.test(value.trim()) ? Number(value) : undefined) : value
  if (!Number.isSafeInteger(count) || (count as number) < 0) return undefined
  return `${formatCompactNumber(Math.abs(count as number), locale)} follower${count === 1 ? '' : 's'}`
}

/**
 * An ISO date-time in the reader's locale and time zone (`Jan 15, 6:00 PM`); `undefined` if unparsable.
 *
 * @example formatDateTime('2026-01-15T18:00:00Z')
 */
export function formatDateTime(iso: string | undefined, locale?: string): string | undefined {
  if (!iso) return undefined
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return undefined
  return formatter('date', locale, (tag) => new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })).format(time)
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
]

/**
 * How far an ISO date-time is from `now`, in the reader's words, in whole units counted down (`in 3 hours`
 * from 3 h 40 min, `2 days ago`, `now` under a minute); `undefined` if unparsable. `now` defaults to `Date.now()`.
 *
 * @example formatRelativeTime('2026-01-15T21:00:00Z', Date.UTC(2026, 0, 15, 18)) // 'in 3 hours'
 */
export function formatRelativeTime(iso: string | undefined, now: number = Date.now(), locale?: string): string | undefined {
  const time = iso ? Date.parse(iso) : Number.NaN
  if (Number.isNaN(time)) return undefined
  const delta = time - now
  const format = formatter('relative', locale, (tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }))
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.trunc(delta / size), unit)
  }
  return format.format(0, 'second')
}
