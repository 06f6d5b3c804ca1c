import type { QueryClient } from '@tanstack/react-query'
import { HotMicError } from '../client/errors.js'
import { hotmicKeys } from './keys.js'

/** The webhook event types HotMic sends (through Svix) that {@link applyHotMicEvent} understands. */
export type HotMicEventType = 'stream.created' | 'stream.live_countdown' | 'stream.ended' | 'user.blocked'

/**
 * A webhook event as the app's server relays it. HotMic does not document the payloads, so the
 * subject's id is read from `data.id`, `data.stream_id`, `data.user_id`, `data.stream.id` or
 * `data.user.id`, whichever is present.
 */
export interface HotMicEvent {
  type: HotMicEventType | (string & {})
  data?: unknown
}

function pick(data: unknown, ...paths: string[][]): string | undefined {
  for (const path of paths) {
    let value: unknown = data
    for (const name of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value)
  }
  return undefined
}

/**
 * Maps a relayed HotMic webhook event onto invalidations of the app's cache:
 * `stream.created` → every stream list; `stream.live_countdown` and `stream.ended` → that stream
 * and every stream list (its state is about to change or just did); `user.blocked` → that user and
 * every user list. Resolves to `false` for an event type it does not know (nothing is touched).
 * Rejects with an `invalid-request` HotMicError for something that is not an event.
 *
 * @example
 * const events = new EventSource('/api/hotmic-events')
 * events.onmessage = (message) => void applyHotMicEvent(queryClient, JSON.parse(message.data))
 */
export async function applyHotMicEvent(queryClient: QueryClient, event: HotMicEvent): Promise<boolean> {
  if (typeof event !== 'object' || event === null || typeof event.type !== 'string') {
    throw new HotMicError({ kind: 'invalid-request', message: `applyHotMicEvent needs an event like { type: 'stream.ended', data: {…} }, got ${JSON.stringify(event)}` })
  }
  const streamId = pick(event.data, ['stream_id'], ['stream', 'id'], ['id'])
  const userId = pick(event.data, ['user_id'], ['user', 'id'], ['id'])
  const streamLists = () => queryClient.invalidateQueries({ queryKey: hotmicKeys.streams.lists() })
  switch (event.type) {
    case 'stream.created':
      await streamLists()
      return true
    case 'stream.live_countdown':
    case 'stream.ended':
      await Promise.all([streamLists(), streamId ? queryClient.invalidateQueries({ queryKey: hotmicKeys.streams.detail(streamId) }) : undefined])
      return true
    case 'user.blocked':
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: hotmicKeys.users.lists() }),
        userId ? queryClient.invalidateQueries({ queryKey: hotmicKeys.users.detail(userId) }) : undefined,
      ])
      return true
    default:
      return false
  }
}
