import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { StreamBrowser } from './stream-browser.js'

const meta = {
  title: 'Flows/Stream browser',
  component: StreamBrowser,
  parameters: { layout: 'fullscreen' },
  // The demo opens on the story itself, not on a generated docs page.
  tags: ['!autodocs'],
  // Streams moving on their own, and sync requests, would race the play functions: tests keep still.
  args: { liveSync: false, simulateLifecycle: false },
} satisfies Meta<typeof StreamBrowser>

export default meta
type Story = StoryObj<typeof meta>

/** The infinite grid on the embedded HotMic API; choose a stream and it plays; edit its title in place. */
export const StreamBrowserStory: Story = {
  name: 'Stream browser',
  args: { liveSync: true, simulateLifecycle: true },
}

/** The same flow, driven by its play function: the grid renders, a live card plays, the title is edited. */
export const PickPlayAndEdit: Story = {
  name: 'Pick, play and edit (test)',
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const list = await canvas.findByRole('region', { name: 'All streams' })

    await step('the grid renders the first page', async () => {
      await waitFor(() => expect(within(list).getAllByRole('button').length).toBeGreaterThanOrEqual(24), { timeout: 15_000 })
    })

    await step('choosing a live card plays its video', async () => {
      const card = canvasElement.querySelector<HTMLElement>('.hm-card[data-state="live"] .hm-card__target')!
      await userEvent.click(card)
      const video = await waitFor(() => {
        const element = canvasElement.querySelector('video')
        expect(element).not.toBeNull()
        return element!
      })
      await waitFor(
        () => {
          expect(video.videoWidth).toBeGreaterThan(0)
          expect(video.currentTime).toBeGreaterThan(0.5)
        },
        { timeout: 20_000 },
      )
    })

    await step('the title can be edited in place', async () => {
      const input = await canvas.findByLabelText('Title')
      await userEvent.clear(input)
      await userEvent.type(input, 'Edited in Storybook')
      await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
      await waitFor(() => expect(canvas.getByRole('heading', { level: 2, name: 'Edited in Storybook' })).toBeInTheDocument())
      await waitFor(() => expect(within(list).getByRole('button', { name: 'Edited in Storybook' })).toBeInTheDocument())
    })

    await step('with "Make the save fail" on, the edit rolls back everywhere and says why', async () => {
      const editor = canvas.getByRole('form', { name: 'Edit stream' })
      await userEvent.click(within(editor).getByRole('checkbox', { name: 'Make the save fail' }))
      const input = within(editor).getByLabelText('Title')
      await userEvent.clear(input)
      await userEvent.type(input, 'Doomed edit')
      await userEvent.click(within(editor).getByRole('button', { name: 'Save' }))
      await waitFor(() => expect(within(editor).getByRole('status')).toHaveTextContent(/not saved, rolled back/i), { timeout: 15_000 })
      expect(canvas.getByRole('heading', { level: 2, name: 'Edited in Storybook' })).toBeInTheDocument()
      expect(within(list).getByRole('button', { name: 'Edited in Storybook' })).toBeInTheDocument()
      expect(within(list).queryByRole('button', { name: 'Doomed edit' })).toBeNull()
    })
  },
}
