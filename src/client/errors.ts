/** What went wrong, coarse enough to branch on. */
export type HotMicErrorKind =
  | 'http'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid-response'
  | 'invalid-request'
  | 'not-found'

/** Fields of a {@link HotMicError}. */
export interface HotMicErrorOptions {
  kind: HotMicErrorKind
  message: string
  /** HTTP status, when a response arrived. */
  status?: number | undefined
  /** The parsed JSON body, or the first 500 characters of a text body. */
  body?: unknown
  method?: string | undefined
  /** The request URL. Never carries the API key (the key travels in a header). */
  url?: string | undefined
  /** Dot path of the field that made a response unusable (`results.3.id`). */
  path?: string | undefined
  cause?: unknown
}

/**
 * The one error the library throws. Tell cases apart with `instanceof HotMicError` and `error.kind`,
 * never by message text.
 *
 * @example
 * try { await client.streams.get(id) }
 * catch (error) {
 *   if (error instanceof HotMicError && error.kind === 'not-found') showMissing()
 * }
 */
export class HotMicError extends Error {
  override readonly name = 'HotMicError'
  // Declared fields start as own `undefined` properties; the constructor fills in those given.
  readonly kind!: HotMicErrorKind
  readonly status: number | undefined
  readonly body: unknown
  readonly method: string | undefined
  readonly url: string | undefined
  readonly path: string | undefined

  constructor({ message, cause, ...fields }: HotMicErrorOptions) {
    super(message, cause === undefined ? undefined : { cause })
    Object.assign(this, fields)
  }
}

/** True for a {@link HotMicError}, optionally of one kind. */
export function isHotMicError(error: unknown, kind?: HotMicErrorKind): error is HotMicError {
  return error instanceof HotMicError && (kind === undefined || error.kind === kind)
}

/** Throws a {@link HotMicError} of kind `invalid-request`: what the library refuses before sending anything. */
export function refuse(message: string): never {
  throw new HotMicError({ kind: 'invalid-request', message })
}
