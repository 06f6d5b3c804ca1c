import type { Stream, User } from '../client/schemas.js'
import { seedDatabase, type SeedOptions } from './fixtures.js'

/** The in-memory store behind the embedded API. Tests may read and change it directly. */
export interface MockDatabase {
  streams: Table<Stream>
  users: Table<User>
  /** Back to the seeded content. */
  reset(): void
  /** The clock used for `last_updated` bumps (ms). */
  now(): number
}

/** One collection of the store, in insertion order. */
export interface Table<TItem extends { id: string }> {
  all(): TItem[]
  get(id: string): TItem | undefined
  /** Adds or replaces an item. */
  put(item: TItem): TItem
  delete(id: string): boolean
  /** Removes everything. */
  clear(): void
}

function createTable<TItem extends { id: string }>(): Table<TItem> & { load(items: TItem[]): void } {
  const rows = new Map<string, TItem>()
  return {
    all: () => [...rows.values()],
    get: (id) => rows.get(id),
    put: (item) => {
      rows.set(item.id, item)
      return item
    },
    delete: (id) => rows.delete(id),
    clear: () => rows.clear(),
    load(items) {
      rows.clear()
      for (const item of structuredClone(items)) rows.set(item.id, item)
    },
  }
}

/** Options of {@link createMockDatabase}. */
export interface MockDatabaseOptions extends SeedOptions {
  /**
   * Start from these instead of the seeded data. Without `users`, each stream's host (its `user`)
   * is added to the seeded users when none has its id, so `GET /users?ids=` finds it.
   */
  streams?: Stream[]
  users?: User[]
  /** Default `Date.now`. */
  clock?: () => number
}

/** The hosts of `streams` that `users` lacks, as users (from each stream's embedded `user`). */
function hostsOf(streams: readonly Stream[], users: readonly User[]): User[] {
  const known = new Set(users.map((user) => user.id))
  const hosts: User[] = []
  for (const { user } of streams) {
    if (!user?.id || known.has(user.id)) continue
    known.add(user.id)
    const { id, display_name, profile_pic, followers } = user
    hosts.push({ id, tags: [], authorized_stream_tags: [], ...(display_name === undefined ? {} : { name: display_name, display_name }), ...(profile_pic === undefined ? {} : { profile_pic }), ...(followers === undefined ? {} : { followers }) })
  }
  return hosts
}

/** Creates a store filled with the seeded data (or with yours). */
export function createMockDatabase(options: MockDatabaseOptions = {}): MockDatabase {
  const seeded = options.streams && options.users ? { streams: options.streams, users: options.users } : seedDatabase(options)
  const initial = { streams: options.streams ?? seeded.streams, users: options.users ?? [...seeded.users, ...hostsOf(options.streams ?? [], seeded.users)] }
  const streams = createTable<Stream>()
  const users = createTable<User>()
  const reset = () => {
    streams.load(initial.streams)
    users.load(initial.users)
  }
  reset()
  return { streams, users, reset, now: options.clock ?? Date.now }
}
