import { refuse } from './errors.js'
import { userQueryPairs, type Id, type UserListParams } from './query-string.js'
import type { RequestOptions, Transport } from './request.js'
import { createResourceApi } from './resource-api.js'
import { parseUser, parseUserPage, type Tag, type User, type UserPage } from './schemas.js'

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
  const { list, get, write } = createResourceApi<User, UserListParams>(transport, 'users', userQueryPairs, parseUserPage, parseUser)
  return {
    list,
    get,
    async create(input, options) {
      if (typeof input?.name !== 'string' || input.name.trim() === '') refuse('A user needs a non-empty name')
      return write(undefined, input, options)
    },
    update: write,
  }
}
