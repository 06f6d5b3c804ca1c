import { useEffect, useId, useState, type FormEvent } from 'react'
import { useMockApi } from '../.storybook/resilience.js'
import type { StreamListParams } from '../src/client/query-string.js'
import type { Stream } from '../src/client/schemas.js'
import { stateLabel } from '../src/components/stream-card/stream-card.js'
import { StreamList } from '../src/components/stream-list/stream-list.js'
import { StreamPlayer } from '../src/components/stream-player/stream-player.js'
import { useStream } from '../src/hooks/use-stream.js'
import { useStreamUpdates } from '../src/hooks/use-stream-updates.js'
import { useUpdateStream } from '../src/hooks/use-update-stream.js'
import './stream-browser.css'

const TABS: { label: string; title: string; state: StreamListParams['state'] }[] = [
  { label: 'All', title: 'All streams', state: undefined },
  { label: 'Live', title: 'Live now', state: 'LIVE' },
  { label: 'Replays', title: 'Replays', state: 'VOD' },
  { label: 'Scheduled', title: 'Coming up', state: 'SCHEDULED' },
]

/** Title and description, edited in place with useUpdateStream (optimistic, rolled back on failure). */
function StreamEditor({ stream }: { stream: Stream }) {
  const update = useUpdateStream()
  const api = useMockApi()
  const id = useId()
  const [draft, setDraft] = useState<{ title: string; description: string } | null>(null)
  const [failNext, setFailNext] = useState(false)
  const value = draft ?? { title: stream.title ?? '', description: stream.description ?? '' }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const title = value.title.trim()
    if (!title) return
    const patch = { title, description: value.description.trim() }
    if (patch.title === stream.title && patch.description === (stream.description ?? '')) return setDraft(null)
    // The demo's fault toggle: the API refuses this one save (a 422 is never retried), so the edit
    // visibly rolls back.
    if (failNext && api) api.faults.set('PUT /streams/:id', { status: 422, times: 1 })
    update.mutate({ id: stream.id, patch }, { onSettled: () => setDraft(null) })
  }
  return (
    <form className="demo-editor" onSubmit={submit} aria-label="Edit stream">
      <label htmlFor={`${id}-title`}>Title</label>
      <input
        id={`${id}-title`}
        value={value.title}
        onChange={(event) => setDraft({ ...value, title: event.target.value })}
        dir="auto"
        maxLength={200}
        required
      />
      <label htmlFor={`${id}-description`}>Description</label>
      <textarea
        id={`${id}-description`}
        value={value.description}
        onChange={(event) => setDraft({ ...value, description: event.target.value })}
        dir="auto"
        rows={2}
        maxLength={1000}
      />
      <div className="demo-editor__row">
        {api ? (
          <label className="demo-editor__toggle">
            <input type="checkbox" checked={failNext} onChange={(event) => setFailNext(event.target.checked)} /> Make the save fail
          </label>
        ) : null}
        <button type="submit" className="hm-button" data-variant="primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
      <p className="demo-editor__status" role="status">
        {update.isError ? `Not saved, rolled back: ${update.error.message}` : update.isSuccess ? 'Saved.' : ''}
      </p>
    </form>
  )
}

function Stage({ selected }: { selected: Stream }) {
  const { data: stream = selected } = useStream(selected.id, { placeholderData: selected })
  return (
    <section className="demo-stage" aria-label="Now playing">
      <StreamPlayer stream={stream} className="demo-stage__player" aria-label={`Player: ${stream.title ?? 'stream'}`} />
      <div className="demo-stage__details">
        <p className="demo-stage__state" data-state={String(stream.state).toLowerCase()}>
          {stateLabel(stream)}
        </p>
        <h2 dir="auto">{stream.title}</h2>
        <p className="demo-stage__host" dir="auto">
          {stream.user?.display_name ?? 'Unknown host'}
        </p>
        {stream.description ? <p dir="auto">{stream.description}</p> : null}
        <StreamEditor key={stream.id} stream={stream} />
      </div>
    </section>
  )
}

/** Live sync with useStreamUpdates, and (on the embedded API) streams moving through their states. */
function LiveSync({ simulate }: { simulate: boolean }) {
  const api = useMockApi()
  const sync = useStreamUpdates({ intervalMs: 3000 })
  useEffect(() => {
    if (!api || !simulate) return
    api.lifecycle.start({ intervalMs: 4000 })
    return () => api.lifecycle.stop()
  }, [api, simulate])
  const last = sync.lastSyncAt ? new Date(sync.lastSyncAt).toLocaleTimeString() : 'not yet'
  return (
    <p className="demo__sync" role="status" aria-live="off">
      <span className="demo__sync-dot" data-paused={sync.paused || undefined} aria-hidden="true" />
      Live sync every 3 s · last {last} · {sync.totalChanges} {sync.totalChanges === 1 ? 'change' : 'changes'} seen
      {sync.error ? ' · last sync failed, retrying' : ''}
    </p>
  )
}

/** Props of {@link StreamBrowser}. */
export interface StreamBrowserProps {
  /** Keep cached streams current with useStreamUpdates. Default `true`. */
  liveSync?: boolean
  /** On the embedded API, move a stream to its next state every 4 s so live sync has something to show. Default `true`. */
  simulateLifecycle?: boolean
}

/**
 * The "Stream browser" demo: state tabs over the infinite grid, pick a stream and StreamPlayer plays
 * it by its state, edit its title and description in place, and watch live sync follow streams as
 * they go live and end.
 */
export function StreamBrowser({ liveSync = true, simulateLifecycle = true }: StreamBrowserProps) {
  const [tab, setTab] = useState(0)
  const [selected, setSelected] = useState<Stream | null>(null)
  const params: StreamListParams = { state: TABS[tab]!.state, orderBy: 'last_updated', desc: true, limit: 24 }
  return (
    <div className="hm-root demo">
      <header className="demo__header">
        <div>
          <h1>HotMic streams</h1>
          {liveSync ? <LiveSync simulate={simulateLifecycle} /> : null}
        </div>
        <div role="tablist" aria-label="Filter by state" className="demo__tabs">
          {TABS.map((item, index) => (
            <button key={item.label} role="tab" type="button" aria-selected={tab === index} onClick={() => setTab(index)}>
              {item.label}
            </button>
          ))}
        </div>
      </header>
      {selected ? <Stage selected={selected} /> : null}
      <main>
        <h2 className="demo__section-title">{TABS[tab]!.title}</h2>
        <StreamList params={params} onSelect={setSelected} selectedId={selected?.id} label={TABS[tab]!.title} />
      </main>
    </div>
  )
}
