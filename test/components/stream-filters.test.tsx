import { render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { StreamListParams } from '../../src/client/query-string.js'
import { StreamFilters } from '../../src/components/stream-filters/stream-filters.js'

function Controlled({ initial, onParams }: { initial: StreamListParams; onParams: (params: StreamListParams) => void }) {
  const [params, setParams] = useState(initial)
  return (
    <StreamFilters
      value={params}
      onChange={(next) => {
        setParams(next)
        onParams(next)
      }}
    />
  )
}

describe('StreamFilters', () => {
  it('shows the current state and sort, any case of state', () => {
    render(<StreamFilters value={{ state: 'live', orderBy: 'title' }} onChange={() => {}} />)
    expect(screen.getByRole('radio', { name: 'Live' })).toBeChecked()
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveDisplayValue('Title A–Z')
  })

  it('changes state by click and arrow keys, keeping other params and dropping the cursor', async () => {
    const onParams = vi.fn()
    render(<Controlled initial={{ limit: 24, cursor: 'abc', orderBy: 'last_updated', desc: true }} onParams={onParams} />)
    expect(screen.getByRole('radio', { name: 'All' })).toBeChecked()
    await userEvent.click(screen.getByRole('radio', { name: 'Live' }))
    expect(onParams).toHaveBeenLastCalledWith({ limit: 24, orderBy: 'last_updated', desc: true, state: 'LIVE' })
    await userEvent.keyboard('{ArrowRight}')
    expect(screen.getByRole('radio', { name: 'Scheduled' })).toBeChecked()
    expect(onParams).toHaveBeenLastCalledWith(expect.objectContaining({ state: 'SCHEDULED' }))
  })

  it('changes the sort order with the select', async () => {
    const onParams = vi.fn()
    render(<Controlled initial={{ state: 'VOD' }} onParams={onParams} />)
    const select = screen.getByRole('combobox', { name: 'Sort by' })
    expect(select).toHaveDisplayValue('Default')
    await userEvent.selectOptions(select, 'Start date')
    expect(onParams).toHaveBeenLastCalledWith({ state: 'VOD', orderBy: 'scheduled_date', desc: undefined })
    await userEvent.selectOptions(select, 'Recently updated')
    expect(onParams).toHaveBeenLastCalledWith({ state: 'VOD', orderBy: 'last_updated', desc: true })
    expect(screen.queryByRole('option', { name: 'Default' })).toBeNull()
  })

  it('hides a choice given an empty list and is named as a group', () => {
    render(<StreamFilters value={{}} onChange={() => {}} sorts={[]} label="Stream filters" className="mine" />)
    expect(screen.getByRole('group', { name: 'Stream filters' })).toHaveClass('hm-filters', 'mine')
    expect(screen.queryByRole('combobox')).toBeNull()
    expect(screen.getAllByRole('radio')).toHaveLength(5)
  })
})
