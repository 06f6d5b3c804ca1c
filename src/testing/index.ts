export { createMockHotMicApi } from './mock-api.js'
export { createMockDatabase } from './database.js'
export { defaultMediaBaseUrl, makeStream, makeUser, mediaUrls, seedDatabase } from './fixtures.js'

export type { MockHotMicApi, MockHotMicApiOptions } from './mock-api.js'
export type { MockDatabase, MockDatabaseOptions, Table } from './database.js'
export type { MediaUrls, SeedData, SeedOptions } from './fixtures.js'
