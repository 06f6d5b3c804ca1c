import type { KnownStreamState, Stream, Tag, User } from '../client/schemas.js'
import { createRandom, type Random } from './random.js'

/** Where the seeded media lives. `mediaBaseUrl` in {@link SeedOptions} points the URLs elsewhere. */
export interface MediaUrls {
  ladder: string
  portrait: string
  mp4: string
  /** WebVTT captions for the media (English, one cue per 2 s segment). */
  captions: string
  /** A stream of the embedded live origin (`createLiveOrigin`, served at `live/` beside the media folder): `'ladder'` or `'portrait'`. */
  live: (name: string) => string
  thumbnail: (index: number, portrait: boolean) => string
  avatar: (index: number) => string
  /** A URL that 404s, for the broken-thumbnail case. */
  broken: string
}

/** Options of {@link seedDatabase}. */
export interface SeedOptions {
  /** Default 1. The same seed gives the same ids, titles and states. */
  seed?: number
  /** Default 150. */
  streamCount?: number
  /** Default 25. */
  userCount?: number
  /** Dates are laid out around this instant (ms). Default: now, floored to the minute. */
  now?: number
  /** Absolute URL of the media folder. Default: `<page origin>/media`, or `http://localhost/media` outside a browser. */
  mediaBaseUrl?: string
}

/** The media URLs under a base URL. */
export function mediaUrls(mediaBaseUrl: string): MediaUrls {
  const base = mediaBaseUrl.replace(/\/+$/, '')
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    ladder: `${base}/ladder/master.m3u8`,
    portrait: `${base}/portrait/index.m3u8`,
    mp4: `${base}/vod.mp4`,
    captions: `${base}/captions/en.vtt`,
    live: (name) => `${liveBaseUrl(base)}/${encodeURIComponent(name)}/index.m3u8`,
    thumbnail: (index, portrait) => (portrait ? `${base}/thumbnails/thumb-portrait-${pad((index % 2) + 1)}.jpg` : `${base}/thumbnails/thumb-${pad((index % 8) + 1)}.jpg`),
    avatar: (index) => `${base}/thumbnails/avatar-${pad((index % 6) + 1)}.jpg`,
    broken: `${base}/thumbnails/does-not-exist.jpg`,
  }
}

/** Where the embedded live origin answers for a media folder: `live` beside it. */
export function liveBaseUrl(mediaBaseUrl: string): string {
  return new URL('live', `${mediaBaseUrl.replace(/\/+$/, '')}/..`).href.replace(/\/+$/, '')
}

/** The default media base URL: the page's own `/media`, read when called, never at import. */
export function defaultMediaBaseUrl(): string {
  const href = globalThis.location?.href
  return href ? new URL('/media', href).href : 'http://localhost/media'
}

const FIRST = ['Maya', 'Omar', 'Lena', 'Kenji', 'Sofia', 'Diego', 'Amara', 'Noah', 'Zoë', 'Ravi', 'Ines', 'Tomás', 'Hana', 'Yusuf', 'Clara', 'Mateo', 'Aiko', 'Leila', 'Jonas', 'Priya', 'Elif', 'Sam', 'Chloé', 'Dmitri', 'Noor']
const LAST = ['Okafor', 'Haddad', 'Schmidt', 'Tanaka', 'Rossi', 'García', 'Mensah', 'Cohen', 'Dubois', 'Iyer', 'Silva', 'Novak', 'Kim', 'Demir', 'Larsen', 'Costa', 'Sato', 'Nasser', 'Berg', 'Shah', 'Yılmaz', 'Reed', 'Martin', 'Petrov', 'Khan']
const HANDLES = ['courtside', 'thepaddock', 'nightshift', 'fullcount', 'midfield', 'thebullpen', 'openmic', 'baseline', 'deadball', 'pitchside']

const SHOWS = [
  'Pre-game warm-up', 'Post-match press conference', 'Late-night call-in show', 'Fantasy draft live',
  'Trade deadline reactions', 'Film room breakdown', 'Locker room Q&A', 'Sunday roundtable',
  'Transfer window special', 'Rookie showcase', 'Playoff picture', 'Morning coffee talk',
  'Behind the scenes', 'Season preview', 'Halftime hot takes', 'Derby day watch-along',
]
const SUBJECTS = [
  'NFL Week 12', 'Champions League', 'NBA Finals', 'the Grand Prix', 'March Madness', 'the Derby',
  'Wimbledon', 'the World Series', 'the Stanley Cup', 'La Liga', 'the Tour de France', 'Copa América',
]
// Titles people really type: emoji, accents, CJK, right-to-left, and very long ones.
const SPECIAL_TITLES = [
  '⚽️ Matchday live — who wins the derby? 🔥',
  'Ça va chauffer : débat d’après-match',
  '東京からライブ配信：今夜の試合を語ろう',
  'مباشر: تحليل المباراة مع الجمهور',
  'שידור חי: סיכום המחזור',
  'Überraschung! Die große Saisonvorschau mit Gästen aus Köln, Zürich und Wien',
  'A very long title that keeps going because some hosts like to put the whole rundown, every guest, the sponsor and the hashtag in it #live #sports #q&a',
  '<script>alert("title")</script> & other "quoted" text',
  '한국 야구 하이라이트 🇰🇷',
  'Live: ¿Quién gana la Copa? 🏆',
]

const TAG_NAMES = ['NFL', 'NBA', 'Soccer', 'F1', 'Tennis', 'MLB', 'NHL', 'College', 'Fantasy', 'Betting', 'Podcast', 'Highlights']

function makeTag(random: Random, index: number): Tag {
  const label = TAG_NAMES[index % TAG_NAMES.length]!
  // The sources disagree on the label's key: both shapes are seeded.
  return random.next() < 0.5
    ? { name: label, league_id: `${label.toLowerCase()}-2026` }
    : { uuid: random.uuid(), type: 'general', displayName: label }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** The seeded store content: users first, then streams that reference them. */
export interface SeedData {
  users: User[]
  streams: Stream[]
}

/**
 * Deterministic, realistic data: hosts with avatars and tags, and streams in all four states,
 * portrait and landscape, with and without thumbnails, with unicode, right-to-left and long titles.
 */
export function seedDatabase(options: SeedOptions = {}): SeedData {
  const random = createRandom(options.seed ?? 1)
  const now = options.now ?? Math.floor(Date.now() / MINUTE) * MINUTE
  const media = mediaUrls(options.mediaBaseUrl ?? defaultMediaBaseUrl())
  const userCount = options.userCount ?? 25
  const streamCount = options.streamCount ?? 150

  const users: User[] = Array.from({ length: userCount }, (_, index) => {
    const first = FIRST[index % FIRST.length]!
    const last = LAST[(index * 7) % LAST.length]!
    const handle = `${first.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}${random.pick(HANDLES)}`
    const tags = Array.from({ length: random.int(0, 3) }, (_, t) => makeTag(random, index + t * 5))
    const followers = random.int(0, 250_000)
    return {
      id: random.uuid(),
      name: `${first} ${last}`,
      email: `${handle}@example.com`,
      display_name: handle,
      ...(index % 7 === 3 ? {} : { profile_pic: media.avatar(index) }),
      default_invite_link: `https://hotmic.example/invite/${handle}`,
      // Documented as a string, seen as a number: both appear.
      followers: index % 5 === 0 ? String(followers) : followers,
      tags,
      authorized_stream_tags: tags.slice(0, 2),
    }
  })

  const usedTitles = new Set<string>()
  const usedUpdates = new Set<number>()
  const streams: Stream[] = Array.from({ length: streamCount }, (_, index) => {
    const host = users[random.int(0, users.length - 1)]!
    const state: KnownStreamState = index < 6 ? 'LIVE' : random.pick(['VOD', 'VOD', 'VOD', 'SCHEDULED', 'ENDED', 'LIVE'] as const)
    const portrait = random.next() < 0.2
    let title = index % 15 === 7 ? SPECIAL_TITLES[Math.floor(index / 15) % SPECIAL_TITLES.length]! : `${random.pick(SHOWS)}: ${random.pick(SUBJECTS)}`
    for (let n = 2; usedTitles.has(title); n++) title = `${title.replace(/ \(\d+\)$/, '')} (${n})`
    usedTitles.add(title)

    const scheduled =
      state === 'SCHEDULED' ? now + random.int(10, 60 * 24 * 6) * MINUTE : now - random.int(1, 60 * 24 * 60) * MINUTE
    const wentLive = state === 'SCHEDULED' ? undefined : scheduled + random.int(0, 10) * MINUTE
    const duration = state === 'VOD' || state === 'ENDED' ? Math.round(random.int(300, 3 * 3600) * 1000 + random.next() * 1000) / 1000 : undefined
    // Live streams changed last (they are live now), then finished ones after they ended, then
    // scheduled ones when they were set up. Unique per stream, so cursor paging over it never skips a tie.
    const changed =
      state === 'LIVE'
        ? now - (index + 1) * 7_000
        : state === 'SCHEDULED'
          ? now - random.int(60, 72 * 60) * MINUTE
          : Math.min(now - HOUR, wentLive! + (duration ?? 600) * 1000 + random.int(1, 30) * MINUTE)
    let lastUpdated = Math.floor(changed / 1000) * 1000
    while (usedUpdates.has(lastUpdated)) lastUpdated -= 1000
    usedUpdates.add(lastUpdated)
    const thumbnailKind = index % 11 === 4 ? 'none' : index % 23 === 9 ? 'broken' : 'ok'
    // Live streams play from the embedded live origin, so they are really live to hls.js.
    const video = state === 'LIVE' ? media.live(portrait ? 'portrait' : 'ladder') : portrait ? media.portrait : media.ladder
    const tagCount = random.int(0, 3)

    return {
      id: random.uuid(),
      user_id: host.id,
      title,
      description: random.next() < 0.3 ? '' : `${host.display_name} goes live with ${title.toLowerCase()}. Questions from the chat all the way through.`,
      ...(thumbnailKind === 'none' ? {} : { thumbnail: thumbnailKind === 'broken' ? media.broken : media.thumbnail(index, portrait) }),
      scheduled_date: iso(scheduled),
      ...(wentLive === undefined ? {} : { live_date: iso(wentLive) }),
      last_updated: iso(lastUpdated),
      state,
      type: 'broadcast',
      event_id: random.uuid(),
      ...(duration === undefined ? {} : { duration }),
      video_url: video,
      ...(state === 'VOD' ? { video_mp4_url: media.mp4 } : {}),
      video_dash_url: video.replace(/\.m3u8$/, '.mpd'),
      video_orientation: portrait ? 'portrait' : random.next() < 0.5 ? 'landscape' : null,
      invite_link: `https://hotmic.example/join/${index}`,
      tags: Array.from({ length: tagCount }, (_, t) => makeTag(random, index + t)),
      user: {
        id: host.id,
        display_name: host.display_name!,
        ...(host.profile_pic ? { profile_pic: host.profile_pic } : {}),
        followers: host.followers!,
      },
    }
  })
  return { users, streams }
}

let built = 0

/**
 * A complete, valid stream for tests, with your overrides. Ids are unique per call.
 *
 * @example
 * const live = makeStream({ state: 'LIVE', title: 'Game night' })
 */
export function makeStream(overrides: Partial<Stream> = {}): Stream {
  built += 1
  const id = `00000000-0000-4000-8000-${String(built).padStart(12, '0')}`
  const media = mediaUrls(defaultMediaBaseUrl())
  return {
    id,
    user_id: 'a4e1f186-6824-4a5f-a33e-a5ab1b776000',
    title: `Test stream ${built}`,
    description: '',
    thumbnail: media.thumbnail(built, false),
    scheduled_date: '2026-01-15T18:00:00Z',
    live_date: '2026-01-15T18:02:00Z',
    last_updated: '2026-01-15T19:00:00Z',
    state: 'VOD',
    type: 'broadcast',
    event_id: `event-${built}`,
    duration: 31.295,
    video_url: media.ladder,
    video_mp4_url: media.mp4,
    video_orientation: null,
    tags: [],
    user: { id: 'a4e1f186-6824-4a5f-a33e-a5ab1b776000', display_name: 'testhost', followers: 0 },
    ...overrides,
  }
}

/**
 * A valid user for tests, with your overrides.
 *
 * @example
 * const host = makeUser({ name: 'Ada Lovelace' })
 */
export function makeUser(overrides: Partial<User> = {}): User {
  built += 1
  return {
    id: `00000000-0000-4000-9000-${String(built).padStart(12, '0')}`,
    name: `Test user ${built}`,
    display_name: `testuser${built}`,
    email: `user${built}@example.com`,
    followers: 0,
    tags: [],
    authorized_stream_tags: [],
    ...overrides,
  }
}
