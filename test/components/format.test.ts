import { afterEach, describe, expect, it } from 'vitest'
import { formatCompactNumber, formatDateTime, formatDuration, formatFollowers, formatRelativeTime } from '../../src/components/format.js'

const NOW = Date.UTC(2026, 0, 15, 18)

describe('formatDuration', () => {
  it.each([
    [3725.4, '1:02:05'],
    [59.9, '0:59'],
    [0, '0:00'],
    [36_000, '10:00:00'],
    [3_599_999, '999:59:59'],
  ])('%s s is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text))

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 3_600_000, 1e15, 1e308, undefined])('gives nothing for %s', (seconds) => expect(formatDuration(seconds)).toBeUndefined())
})

describe('formatFollowers', () => {
  it('falls back to the default locale for one Intl refuses, instead of throwing', () => {
    expect(formatFollowers(1200, 'en_US')).toBe(formatFollowers(1200))
    expect(formatDateTime('2026-01-15T18:00:00Z', 'en_US')).toBe(formatDateTime('2026-01-15T18:00:00Z'))
    expect(formatRelativeTime('2026-01-15T19:00:00Z', NOW, 'not a locale!')).toBe(formatRelativeTime('2026-01-15T19:00:00Z', NOW))
  })

  it.each([
    [48_200, '48.2K followers'],
    ['125000', '125K followers'],
    [1, '1 follower'],
    ['0', '0 followers'],
    [-0, '0 followers'],
    [' 12 ', '12 followers'],
  ])('%s is %s', (value, text) => expect(formatFollowers(value, 'en')).toBe(text))

  it.each([-5, 1.5, 1e21, Number.NaN, 'lots', '', '  ', '0x10', '1e3', '-3', undefined])('shows nothing for %s', (value) => expect(formatFollowers(value, 'en')).toBeUndefined())
})

describe('formatCompactNumber', () => {
  it('compacts numbers and numeric strings', () => {
    expect(formatCompactNumber(1200, 'en-US')).toBe('1.2K')
    expect(formatCompactNumber('250000', 'en-US')).toBe('250K')
    expect(formatCompactNumber(1_500_000, 'de-DE')).toBe('1,5\u00a0Mio.')
  })
  it('keeps a non-numeric string as sent and drops empties', () => {
    expect(formatCompactNumber('lots')).toBe('lots')
    expect(formatCompactNumber('  ')).toBeUndefined()
    expect(formatCompactNumber(undefined)).toBeUndefined()
  })
})

describe('formatDateTime', () => {
  it('formats in the given locale and gives nothing for garbage', () => {
    expect(formatDateTime('2026-01-15T18:00:00Z', 'en-US')).toMatch(/^Jan 15, \d{1,2}:00\s?[AP]M$/)
    expect(formatDateTime('not a date')).toBeUndefined()
    expect(formatDateTime(undefined)).toBeUndefined()
  })
})

describe('formatRelativeTime', () => {
  it.each([
    ['2026-01-15T21:00:00Z', 'in 3 hours'],
    ['2026-01-15T18:20:00Z', 'in 20 minutes'],
    ['2026-01-17T18:00:00Z', 'in 2 days'],
    ['2026-01-16T18:00:00Z', 'tomorrow'],
    ['2026-01-15T17:00:00Z', '1 hour ago'],
    ['2026-01-15T18:00:20Z', 'now'],
    ['2026-03-15T18:00:00Z', 'next month'],
    ['2026-01-15T21:40:00Z', 'in 3 hours'],
  ])('%s is %s from the fixed now', (iso, text) => expect(formatRelativeTime(iso, NOW, 'en-US')).toBe(text))

  it('speaks the locale and refuses garbage', () => {
    expect(formatRelativeTime('2026-01-15T21:00:00Z', NOW, 'fr-FR')).toBe('dans 3 heures')
    expect(formatRelativeTime('soon', NOW)).toBeUndefined()
    expect(formatRelativeTime(undefined, NOW)).toBeUndefined()
  })
})

describe('formatter reuse', () => {
  const RealNumberFormat = Intl.NumberFormat
  afterEach(() => {
    Intl.NumberFormat = RealNumberFormat
  })

  it('builds one formatter per kind and locale, and keeps locales apart', () => {
    let made = 0
    Intl.NumberFormat = class extends RealNumberFormat {
      constructor(...args: ConstructorParameters<typeof Intl.NumberFormat>) {
        super(...args)
        made++
      }
    } as typeof Intl.NumberFormat
    const first = formatFollowers(48_200, 'fr-CA')
    for (let index = 0; index < 50; index++) formatFollowers(1000 + index, 'fr-CA')
    expect(made).toBe(1)
    // Another locale gets its own, not the French one.
    expect(formatFollowers(48_200, 'en-AU')).toBe('48.2K followers')
    expect(formatFollowers(48_200, 'fr-CA')).toBe(first)
    expect(first).not.toBe('48.2K followers')
    expect(made).toBe(2)
  })

  it('stays right past the cache size: many locales, each its own', () => {
    const locales = ['de', 'fr', 'ja', 'en-US', 'es', 'it', 'nl', 'pt-BR', 'sv', 'pl', 'tr', 'ko', 'zh', 'ru', 'ar', 'hi', 'fi', 'da', 'nb', 'cs']
    const expected = locales.map((locale) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(0))
    for (let round = 0; round < 3; round++) {
      expect(locales.map((locale) => formatDateTime('1970-01-01T00:00:00Z', locale))).toEqual(expected)
      for (const locale of locales) formatRelativeTime('1970-01-01T03:00:00Z', 0, locale)
    }
  })
})
