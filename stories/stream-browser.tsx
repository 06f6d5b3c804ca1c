import { useState, type FormEvent } from 'react'
import type { StreamListParams } from '../src/client/query-string.js'
import type { Stream } from '../src/client/schemas.js'
import { HlsPlayer } from '../src/components/hls-player/hls-player.js'
import { stateLabel } from '../src/components/stream-card/stream-card.js'
import { StreamList } from '../src/components/stream-list/stream-list.js'
import { useStream } from '../src/hooks/use-stream.js'
import { useUpdateStream } from '../src/hooks/use-update-stream.js'
import './stream-browser.css'

const TABS: { label: string; state: StreamListParams['state'] }[] = [
  { label: 'All', state: undefined },
  { label: 'Live', state: 'LIVE' },
  { label: 'Replays', state: 'VOD' },
  { label: 'Scheduled', state: 'SCHEDULED' },
]

function TitleEditor({ stream }: { stream: Stream }) {
  const update = useUpdateStream()
  const [draft, setDraft] = useState<string | null>(null)
  const value = draft ?? stream.title ?? ''
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const title = value.trim()
    if (!title || title === stream.title) return setDraft(null)
    update.mutate({ id: stream.id, patch: { title } }, { onSettled: () => setDraft(null) })
  }
  return (
    <form className="demo-editor" onSubmit={submit} aria-label="Edit stream">
      <label htmlFor={`title-${stream.id}`}>Title</label>
      <div className="demo-editor__row">
        <input id={`title-${stream.id}`} value={value} onChange={(event) => setDraft(event.target.value)} dir="auto" maxLength={200} />
        <button type="submit" className="hm-button" data-variant="primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
      <p className="demo-editor__status" role="status">
        {update.isError ? `Not saved: ${update.error.message}` : update.isSuccess ? 'Saved.' : ''}
      </p>
    </form>
  )
}

function Stage({ selected }: { selected: Stream }) {
  const { data: stream = selected } = useStream(selected.id, { placeholderData: selected })
  return (
    <section className="demo-stage" aria-label="Now playing">
      <div className="demo-stage__video" data-orientation={stream.video_orientation === 'portrait' ? 'portrait' : 'landscape'}>
        <HlsPlayer src={stream.video_url} poster={stream.thumbnail} autoPlay="muted" controls aria-label={`Video: ${stream.title ?? 'stream'}`} />
      </div>
      <div className="demo-stage__details">
        <p className="demo-stage__state" data-state={String(stream.state).toLowerCase()}>
          {stateLabel(stream)}
        </p>
        <h2 dir="auto">{stream.title}</h2>
        <p className="demo-stage__host" dir="auto">
          {stream.user?.display_name ?? 'Unknown host'}
        </p>
        {stream.description ? <p dir="auto">{stream.description}</p> : null}
        <TitleEditor key={stream.id} stream={stream} />
      </div>
    </section>
  )
}

/** The "Stream browser" demo: the infinite grid, pick a stream and it plays, edit its title in place. */
export function StreamBrowser() {
  const [tab, setTab] = useState(0)
  const [selected, setSelected] = useState<Stream | null>(null)
  const params: StreamListParams = { state: TABS[tab]!.state, orderBy: 'last_updated', desc: true, limit: 24 }
  return (
    <div className="hm-root demo">
      <header className="demo__header">
        <h1>HotMic streams</h1>
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
        <h2 className="demo__section-title">{`${TABS[tab]!.label} streams`}</h2>
        <StreamList params={params} onSelect={setSelected} selectedId={selected?.id} label={`${TABS[tab]!.label} streams`} />
      </main>
    </div>
  )
}
