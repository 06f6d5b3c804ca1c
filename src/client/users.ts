import { HotMicError } from './errors.js'
import { normalizeIds, toQueryString, userQueryPairs, type Id, type UserListParams } from './query-string.js'
import type { RequestOptions, Transport } from './request.js'
import { parseUser, parseUserPage, type Tag, type User, type UserPage } from './schemas.js'
import { pathId } from './streams.js'

/** The body of `POST /users`. */
export interface CreateUserInput {
  name: string
  email?: string
  default_invite_link?: string
  display_name?: string
  profile_pic?: string
  tags?: Tag[]
  authorized_stream_tags?: Tag[]
}

/** The body of `PUT /users/{id}`: every field optional. */
export interface UserPatch {
  name?: string
  email?: string
  default_invite_link?: string
  tags?: Tag[]
  authorized_stream_tags?: Tag[]
}

/** The `client.users` methods. */
export interface UsersApi {
  /**
   * One page of `GET /users`.
   * @example const { results } = await client.users.list({ limit: 50 })
   */
  list(params?: UserListParams, options?: RequestOptions): Promise<UserPage>
  /**
   * One user through `GET /users?ids=<id>`; a `not-found` HotMicError when absent.
   * @example const host = await client.users.get(stream.user_id)
   */
  get(id: Id, options?: RequestOptions): Promise<User>
  /**
   * `POST /users`. Never retried: it is not idempotent.
   * @example await client.users.create({ name: 'Ada', email: 'ada@example.com' })
   */
  create(input: CreateUserInput, options?: RequestOptions): Promise<User>
  /**
   * `PUT /users/{id}`.
   * @example await client.users.update(id, { default_invite_link: 'https://example.com/join' })
   */
  update(id: Id, patch: UserPatch, options?: RequestOptions): Promise<User>
}

/** Builds `client.users` over a transport. */
export function createUsersApi(transport: Transport): UsersApi {
  const list: UsersApi['list'] = async (params = {}, options = {}) => {
    const query = userQueryPairs(params)
    if (params.ids != null && !query.some(([name]) => name === 'ids')) return { results: [], links: { next: null, self: null }, count: 0 }
    return transport.request({ ...options, method: 'GET', target: { path: `/users${toQueryString(query)}` }, parse: parseUserPage })
  }
  return {
    list,
    async get(id, options = {}) {
      pathId(id)
      const wanted = normalizeIds([id])[0]!
      const page = await list({ ids: [wanted] }, options)
      const user = page.results.find((candidate) => candidate.id === wanted)
      if (!user) throw new HotMicError({ kind: 'not-found', status: 404, message: `User ${JSON.stringify(wanted)} was not found`, method: 'GET', url: `${transport.baseUrl()}/users?ids=${encodeURIComponent(wanted)}` })
      return user
    },
    async create(input, options = {}) {
      if (typeof input?.name !== 'string' || input.name.trim() === '') {
        throw new HotMicError({ kind: 'invalid-request', message: 'A user needs a non-empty name' })
      }
      return transport.request({ ...options, method: 'POST', target: { path: '/users' }, body: input, parse: parseUser })
    },
    async update(id, patch, options = {}) {
      return transport.request({ ...options, method: 'PUT', target: { path: `/users/${pathId(id)}` }, body: patch, parse: parseUser })
    },
  }
}
