'use client'
import { forwardRef, useId, type HTMLAttributes } from 'react'
import type { StreamListParams } from '../../client/query-string.js'

/** A state choice of {@link StreamFilters}: `undefined` is "every state". */
export interface StreamStateOption {
  label: string
  state: StreamListParams['state']
}

/** A sort choice of {@link StreamFilters}. */
export interface StreamSortOption {
  label: string
  orderBy: NonNullable<StreamListParams['orderBy']>
  desc?: boolean | undefined
}

/** The default state choices: All, Live, Scheduled, Replays, Ended. */
export const DEFAULT_STATE_OPTIONS: readonly StreamStateOption[] = [
  { label: 'All', state: undefined },
  { label: 'Live', state: 'LIVE' },
  { label: 'Scheduled', state: 'SCHEDULED' },
  { label: 'Replays', state: 'VOD' },
  { label: 'Ended', state: 'ENDED' },
]

/** The default sort choices: recently updated, starting soonest, title A–Z. */
export const DEFAULT_SORT_OPTIONS: readonly StreamSortOption[] = [
  { label: 'Recently updated', orderBy: 'last_updated', desc: true },
  { label: 'Start date', orderBy: 'scheduled_date' },
  { label: 'Title A–Z', orderBy: 'title' },
]

/** Props of {@link StreamFilters}. Rest props go onto the root `<div>`. */
export interface StreamFiltersProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onChange' | 'children'> {
  /** The current list parameters; only `state`, `orderBy` and `desc` are read. */
  value: StreamListParams
  /** Called with `value` changed (a new object; other parameters kept, `cursor` and `skip` dropped). */
  onChange: (params: StreamListParams) => void
  /** Default {@link DEFAULT_STATE_OPTIONS}. An empty list hides the state choice. */
  states?: readonly StreamStateOption[] | undefined
  /** Default {@link DEFAULT_SORT_OPTIONS}. An empty list hides the sort choice. */
  sorts?: readonly StreamSortOption[] | undefined
  /** Accessible name of the group. Default "Filter streams". */
  label?: string | undefined
}

const sameState = (a: StreamListParams['state'], b: StreamListParams['state']) => (a ? String(a).toUpperCase() : undefined) === (b ? String(b).toUpperCase() : undefined)

/**
 * State tabs and a sort order for a {@link StreamList}'s `params`: native radio buttons (arrow keys
 * move between states) and a native `<select>`, so they work with every keyboard and screen reader.
 *
 * @example
 * const [params, setParams] = useState<StreamListParams>({ state: 'LIVE', limit: 24 })
 * <StreamFilters value={params} onChange={setParams} />
 * <StreamList params={params} onSelect={setCurrent} />
 */
export const StreamFilters = forwardRef<HTMLDivElement, StreamFiltersProps>(function StreamFilters(
  { value, onChange, states = DEFAULT_STATE_OPTIONS, sorts = DEFAULT_SORT_OPTIONS, label = 'Filter streams', className, ...rest },
  ref,
) {
  const id = useId()
  // A new filter starts at the first page: an old cursor or offset would skip streams.
  const change = (patch: StreamListParams) => {
    const { cursor: _cursor, skip: _skip, ...kept } = value
    onChange({ ...kept, ...patch })
  }
  const sortIndex = sorts.findIndex((sort) => sort.orderBy === value.orderBy && Boolean(sort.desc) === Boolean(value.desc))
  return (
    <div ref={ref} role="group" aria-label={label} className={['hm-filters', className].filter(Boolean).join(' ')} {...rest}>
      {states.length > 0 ? (
        <fieldset className="hm-filters__states">
          <legend className="hm-visually-hidden">State</legend>
          {states.map((option) => {
            const checked = sameState(option.state, value.state)
            return (
              <label key={option.label} className="hm-filters__state" data-state={checked ? 'checked' : 'unchecked'}>
                <input
                  type="radio"
                  name={`${id}-state`}
                  checked={checked}
                  onChange={() => change({ state: option.state })}
                  className="hm-visually-hidden"
                />
                {option.label}
              </label>
            )
          })}
        </fieldset>
      ) : null}
      {sorts.length > 0 ? (
        <span className="hm-filters__sort">
          <label htmlFor={`${id}-sort`}>Sort by</label>
          <select
            id={`${id}-sort`}
            value={sortIndex < 0 ? '' : String(sortIndex)}
            onChange={(event) => {
              const sort = sorts[Number(event.target.value)]
              if (sort) change({ orderBy: sort.orderBy, desc: sort.desc })
            }}
          >
            {sortIndex < 0 ? <option value="">Default</option> : null}
            {sorts.map((sort, index) => (
              <option key={sort.label} value={String(index)}>
                {sort.label}
              </option>
            ))}
          </select>
        </span>
      ) : null}
    </div>
  )
})
