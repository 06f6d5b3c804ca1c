import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { isHotMicError } from '../src/client/errors.js'
import type { Stream } from '../src/client/schemas.js'
import { useHotMicClient } from '../src/hooks/provider.js'
import type { RouteFault } from '../src/testing/faults.js'
import { createMockHotMicApi } from '../src/testing/mock-api.js'

// One embedded API per story file, registered over the preview's own in each story's beforeEach,
// so the console below can flip its faults and step its streams while the client talks to it.
const api = createMockHotMicApi({ seed: 3 })
const picked = ['SCHEDULED', 'LIVE', 'ENDED'].map((state) => api.db.streams.all().find((stream) => stream.state === state)!.id)

const FAULTS: Record<string, RouteFault | null> = {
  none: null,
  'HTML 502': { html502: true },
  'malformed JSON': { malformedJson: true },
  '429, Retry-After 1 s': { status429: { retryAfter: 1 }, times: 1 },
}

function EmbeddedApiConsole() {
  const client = useHotMicClient()
  const [streams, setStreams] = useState<Stream[]>([])
  const [status, setStatus] = useState('Not loaded yet')
  const [fault, setFault] = useState('none')
  const [loads, setLoads] = useState(0)

  async function load() {
    // Numbered, so a test waits for this load's outcome and not the previous one's.
    const number = loads + 1
    setLoads(number)
    setStatus(`Load ${number}: loading…`)
    try {
      setStreams((await client.streams.list({ ids: picked })).results)
      setStatus(`Load ${number}: loaded`)
    } catch (error) {
      setStatus(`Load ${number}: failed, ${isHotMicError(error) ? `${error.kind}${error.status ? ` ${error.status}` : ''}` : 'unknown error'}`)
    }
  }

  return (
    <main style={{ padding: 16, fontFamily: 'system-ui, sans-serif' }}>
      <h1>Embedded HotMic API</h1>
      <label>
        Fault on GET /streams{' '}
        <select
          value={fault}
          onChange={(event) => {
            setFault(event.target.value)
            const chosen = FAULTS[event.target.value]
            if (chosen) api.faults.set('GET /streams', chosen)
            else api.faults.clear('GET /streams')
          }}
        >
          {Object.keys(FAULTS).map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>{' '}
      <button type="button" onClick={() => void load()}>
        Load streams
      </button>
      <p role="status">{status}</p>
      <ul aria-label="Streams">
        {streams.map((stream) => (
          <li key={stream.id}>
            {stream.title} — <span data-testid={`state-${stream.id}`}>{stream.state}</span>{' '}
            <button
              type="button"
              onClick={() => {
                api.lifecycle.advance(stream.id)
                void load()
              }}
            >
              Advance {stream.title}
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}

const meta = {
  title: 'Embedded API/Faults and lifecycle',
  component: EmbeddedApiConsole,
  beforeEach({ msw }) {
    api.db.reset()
    api.faults.clear()
    msw.use(...api.handlers)
    return () => api.faults.clear()
  },
} satisfies Meta<typeof EmbeddedApiConsole>

export default meta
type Story = StoryObj<typeof meta>

/** Faults flipped at run time reach the client as typed errors; streams step through their lifecycle. */
export const FaultsAndLifecycle: Story = {
  name: 'Faults and lifecycle',
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const status = canvas.getByRole('status')
    const load = canvas.getByRole('button', { name: 'Load streams' })

    await step('loads the three picked streams', async () => {
      await userEvent.click(load)
      await waitFor(() => expect(status).toHaveTextContent('Load 1: loaded'))
      expect(within(canvas.getByRole('list', { name: 'Streams' })).getAllByRole('listitem')).toHaveLength(3)
    })

    await step('a scheduled stream goes live, then ends', async () => {
      const scheduled = api.db.streams.get(picked[0]!)!
      await userEvent.click(canvas.getByRole('button', { name: `Advance ${scheduled.title}` }))
      await waitFor(() => expect(canvas.getByTestId(`state-${scheduled.id}`)).toHaveTextContent('LIVE'))
      await userEvent.click(canvas.getByRole('button', { name: `Advance ${scheduled.title}` }))
      await waitFor(() => expect(canvas.getByTestId(`state-${scheduled.id}`)).toHaveTextContent('ENDED'))
    })

    await step('malformed JSON is an invalid-response error; clearing the fault recovers', async () => {
      await userEvent.selectOptions(canvas.getByLabelText('Fault on GET /streams'), 'malformed JSON')
      await userEvent.click(load)
      await waitFor(() => expect(status).toHaveTextContent('Load 4: failed, invalid-response 200'))
      await userEvent.selectOptions(canvas.getByLabelText('Fault on GET /streams'), 'none')
      await userEvent.click(load)
      await waitFor(() => expect(status).toHaveTextContent('Load 5: loaded'))
    })

    await step('a 429 with Retry-After is retried by the client and succeeds', async () => {
      await userEvent.selectOptions(canvas.getByLabelText('Fault on GET /streams'), '429, Retry-After 1 s')
      await userEvent.click(load)
      await waitFor(() => expect(status).toHaveTextContent('Load 6: loaded'), { timeout: 10_000 })
      expect(api.faults.current()).toEqual({})
    })
  },
}
