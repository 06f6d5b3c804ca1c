import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { HostAdmin } from './host-admin.js'

const meta = {
  title: 'Flows/Host admin',
  component: HostAdmin,
  parameters: { layout: 'fullscreen' },
  tags: ['!autodocs'],
} satisfies Meta<typeof HostAdmin>

export default meta
type Story = StoryObj<typeof meta>

/** The users list on the embedded API; create a host with tags and stream tags; update a host. */
export const HostAdminStory: Story = { name: 'Host admin' }

/** The same flow driven by its play function. */
export const CreateAndUpdate: Story = {
  name: 'Create and update a host (test)',
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const table = await canvas.findByRole('table')
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(20), { timeout: 15_000 })
    const before = within(table).getAllByRole('row').length

    await step('create a host with tags and authorized stream tags', async () => {
      const form = canvas.getByRole('form', { name: 'New host' })
      await userEvent.type(within(form).getByLabelText('Name'), 'Ada Lovelace')
      await userEvent.type(within(form).getByLabelText('Display name'), 'ada_live')
      await userEvent.type(within(form).getByLabelText('Email'), 'ada@example.com')
      await userEvent.type(within(form).getByLabelText('Tags (comma separated)'), 'NFL, Podcast, NFL')
      await userEvent.type(within(form).getByLabelText('Authorized stream tags (comma separated)'), 'Highlights')
      await userEvent.click(within(form).getByRole('button', { name: 'Create host' }))
      await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(before + 1))
      const row = within(table).getByRole('button', { name: /ada_live/ }).closest('tr')!
      expect(within(row).getByRole('list', { name: 'Tags of Ada Lovelace' })).toHaveTextContent('NFLPodcast')
      expect(within(row).getByRole('list', { name: 'Stream tags Ada Lovelace may use' })).toHaveTextContent('Highlights')
    })

    await step('update the new host: its row changes at once', async () => {
      const form = await canvas.findByRole('form', { name: 'Edit ada_live' })
      const name = within(form).getByLabelText('Name')
      await userEvent.clear(name)
      await userEvent.type(name, 'Ada King')
      const tags = within(form).getByLabelText('Tags (comma separated)')
      await userEvent.clear(tags)
      await userEvent.type(tags, 'F1')
      await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }))
      await waitFor(() => expect(within(form).getByRole('status')).toHaveTextContent('Saved.'))
      const row = within(table).getByRole('button', { name: /ada_live/ }).closest('tr')!
      expect(within(row).getByRole('list', { name: 'Tags of Ada King' })).toHaveTextContent('F1')
    })

    await step('a blank name is refused before any request, and the form says so', async () => {
      const form = canvas.getByRole('form', { name: 'New host' })
      await userEvent.type(within(form).getByLabelText('Name'), '   ')
      await userEvent.click(within(form).getByRole('button', { name: 'Create host' }))
      await waitFor(() => expect(within(form).getByRole('status')).toHaveTextContent(/not created/i))
      expect(within(table).getAllByRole('row')).toHaveLength(before + 1)
    })
  },
}
