import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, within } from 'storybook/test'
import type { StreamListParams } from '../src/client/query-string.js'
import { StreamFilters } from '../src/components/stream-filters/stream-filters.js'

function Controlled({ theme }: { theme?: 'dark' }) {
  const [params, setParams] = useState<StreamListParams>({ state: 'LIVE', orderBy: 'last_updated', desc: true })
  return (
    <div className="hm-root" data-theme={theme} style={{ background: 'var(--hm-bg)', padding: 24, minHeight: '100vh', boxSizing: 'border-box' }}>
      <StreamFilters value={params} onChange={setParams} />
      <output style={{ display: 'block', marginTop: 16, color: 'var(--hm-text-muted)', fontFamily: 'monospace' }}>{JSON.stringify(params)}</output>
    </div>
  )
}

const meta = {
  title: 'Components/StreamFilters',
  component: Controlled,
} satisfies Meta<typeof Controlled>

export default meta
type Story = StoryObj<typeof meta>

/** State tabs (radio buttons: arrow keys move) and a sort order, controlled through `value` and `onChange`. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    expect(canvas.getByRole('radio', { name: 'Live' })).toBeChecked()
    await userEvent.click(canvas.getByRole('radio', { name: 'Live' }))
    await userEvent.keyboard('{ArrowRight}')
    expect(canvas.getByRole('radio', { name: 'Scheduled' })).toBeChecked()
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Sort by' }), 'Title A–Z')
    expect(canvasElement.querySelector('output')).toHaveTextContent('"orderBy":"title"')
    expect(canvasElement.querySelector('output')).toHaveTextContent('"state":"SCHEDULED"')
  },
}

/** Dark theme. */
export const Dark: Story = {
  args: { theme: 'dark' },
}
