import type { Meta, StoryObj } from '@storybook/react-vite'
import { http, HttpResponse } from 'msw'
import { useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { useCreateUser } from '../../src/hooks/use-create-user.js'
import { useStreams } from '../../src/hooks/use-streams.js'
import { useUpdateStream } from '../../src/hooks/use-update-stream.js'
import { useUpdateUser } from '../../src/hooks/use-update-user.js'
import { useUser } from '../../src/hooks/use-user.js'
import { useUsers } from '../../src/hooks/use-users.js'
import { HookPanel, TitleList } from './hook-demo.js'

function RenameForm({ label, initial, onSave }: { label: string; initial: string; onSave: (value: string) => void }) {
  const [value, setValue] = useState(initial)
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        onSave(value)
      }}
    >
      <label>
        {label} <input value={value} onChange={(event) => setValue(event.target.value)} />
      </label>{' '}
      <button type="submit">Save</button>
    </form>
  )
}

function UpdateStreamDemo() {
  const list = useStreams({ limit: 3 })
  const update = useUpdateStream()
  const first = list.data?.results[0]
  return (
    <HookPanel title="useUpdateStream()" status={update.status} error={update.error}>
      <TitleList label="Cached streams" items={list.data?.results ?? []} />
      {first ? <RenameForm label="Title of the first stream" initial={first.title ?? ''} onSave={(title) => update.mutate({ id: first.id, patch: { title } })} /> : null}
    </HookPanel>
  )
}

function UsersDemo() {
  const users = useUsers({ limit: 100 })
  const create = useCreateUser()
  const update = useUpdateUser()
  const first = users.data?.results[0]
  const one = useUser(first?.id ?? '', { enabled: Boolean(first) })
  return (
    <>
      <HookPanel title="useUsers() and useUser(id)" status={users.status} error={users.error}>
        <p>
          First user by id: <strong data-testid="one-user">{one.data?.name ?? '…'}</strong>
        </p>
        <TitleList label="Users" items={users.data?.results ?? []} />
      </HookPanel>
      <HookPanel title="useCreateUser()" status={create.status} error={create.error}>
        <RenameForm label="New user's name" initial="" onSave={(name) => create.mutate({ name })} />
      </HookPanel>
      <HookPanel title="useUpdateUser()" status={update.status} error={update.error}>
        {first ? <RenameForm label="First user's name" initial={first.name ?? ''} onSave={(name) => update.mutate({ id: first.id, patch: { name } })} /> : null}
      </HookPanel>
    </>
  )
}

const meta = {
  title: 'Hooks/Mutations',
  parameters: { layout: 'padded' },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** The new title shows in the cached list at once and stays after the server answers. */
export const UpdateStream: Story = {
  render: () => <UpdateStreamDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = await canvas.findByLabelText('Title of the first stream')
    await userEvent.clear(input)
    await userEvent.type(input, 'Renamed live')
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
    const list = canvas.getByRole('list', { name: 'Cached streams' })
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Renamed live'))
    await waitFor(() => expect(canvas.getAllByTestId('status')[0]).toHaveTextContent('success'))
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Renamed live')
  },
}

/** The API refuses the change: the list goes back to the title it had, and the error shows. */
export const UpdateStreamRollback: Story = {
  render: () => <UpdateStreamDemo />,
  beforeEach: ({ msw }) => {
    msw.use(http.put('*/streams/:id', () => HttpResponse.json({ message: 'Title refused' }, { status: 400 })))
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const input = await canvas.findByLabelText('Title of the first stream')
    const list = canvas.getByRole('list', { name: 'Cached streams' })
    const before = within(list).getAllByRole('listitem')[0]!.textContent
    await userEvent.clear(input)
    await userEvent.type(input, 'Will be refused')
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(/^http 400: .*Title refused/))
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent(before!)
  },
}

/** Users: list and one by id; a created user joins the cached list; a rename shows at once. */
export const Users: Story = {
  render: () => <UsersDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const list = await canvas.findByRole('list', { name: 'Users' })
    await waitFor(() => expect(within(list).getAllByRole('listitem').length).toBeGreaterThan(0))
    const count = within(list).getAllByRole('listitem').length
    const first = within(list).getAllByRole('listitem')[0]!.textContent!
    await waitFor(() => expect(canvas.getByTestId('one-user')).toHaveTextContent(first))

    await userEvent.type(canvas.getByLabelText("New user's name"), 'Ada Lovelace')
    await userEvent.click(canvas.getAllByRole('button', { name: 'Save' })[0]!)
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(count + 1))
    expect(within(list).getAllByRole('listitem').at(-1)).toHaveTextContent('Ada Lovelace')

    const rename = canvas.getByLabelText("First user's name")
    await userEvent.clear(rename)
    await userEvent.type(rename, 'Grace Hopper')
    await userEvent.click(canvas.getAllByRole('button', { name: 'Save' })[1]!)
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Grace Hopper'))
    await waitFor(() => expect(canvas.getByTestId('one-user')).toHaveTextContent('Grace Hopper'))
  },
}
