import { useId, useState, type FormEvent } from 'react'
import type { Tag, User } from '../src/client/schemas.js'
import { tagLabel } from '../src/client/schemas.js'
import { formatCompactNumber } from '../src/components/format.js'
import { useCreateUser } from '../src/hooks/use-create-user.js'
import { useUpdateUser } from '../src/hooks/use-update-user.js'
import { useUsers } from '../src/hooks/use-users.js'
import './host-admin.css'

/** "NFL, NBA" → `[{ name: 'NFL' }, { name: 'NBA' }]`, each label once. */
function parseTags(text: string): Tag[] {
  const names = [...new Set(text.split(',').map((name) => name.trim()).filter(Boolean))]
  return names.map((name) => ({ name }))
}

const tagsText = (tags: readonly Tag[] | undefined) => (tags ?? []).map(tagLabel).filter(Boolean).join(', ')

function TagList({ tags, label }: { tags: readonly Tag[] | undefined; label: string }) {
  if (!tags?.length) return <span className="admin__muted">none</span>
  return (
    <ul className="admin__tags" aria-label={label}>
      {tags.map((tag, index) => (
        <li key={`${tagLabel(tag)}-${index}`}>{tagLabel(tag)}</li>
      ))}
    </ul>
  )
}

interface HostFields {
  name: string
  display_name: string
  email: string
  default_invite_link: string
  tags: string
  authorized_stream_tags: string
}

const EMPTY: HostFields = { name: '', display_name: '', email: '', default_invite_link: '', tags: '', authorized_stream_tags: '' }

function fieldsOf(user: User): HostFields {
  return {
    name: user.name ?? '',
    display_name: user.display_name ?? '',
    email: user.email ?? '',
    default_invite_link: user.default_invite_link ?? '',
    tags: tagsText(user.tags),
    authorized_stream_tags: tagsText(user.authorized_stream_tags),
  }
}

/** The host form, for creating (with a display name) and for updating (the fields PUT /users takes). */
function HostForm({ title, initial, creating, pending, status, onSubmit }: {
  title: string
  initial: HostFields
  creating: boolean
  pending: boolean
  status: string
  onSubmit: (fields: HostFields) => void
}) {
  const id = useId()
  const [fields, setFields] = useState(initial)
  const set = (name: keyof HostFields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit(fields)
  }
  const input = (name: keyof HostFields, label: string, type = 'text', required = false) => (
    <div className="admin__field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} type={type} value={fields[name]} onChange={set(name)} required={required} dir="auto" />
    </div>
  )
  return (
    <form className="admin__form" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      {input('name', 'Name', 'text', true)}
      {creating ? input('display_name', 'Display name') : null}
      {input('email', 'Email', 'email')}
      {input('default_invite_link', 'Default invite link', 'url')}
      {input('tags', 'Tags (comma separated)')}
      {input('authorized_stream_tags', 'Authorized stream tags (comma separated)')}
      <div className="admin__actions">
        <button type="submit" className="hm-button" data-variant="primary" disabled={pending}>
          {pending ? 'Saving…' : creating ? 'Create host' : 'Save changes'}
        </button>
        <p role="status" className="admin__status">
          {status}
        </p>
      </div>
    </form>
  )
}

function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim()
}

/** The "Host admin" demo: the users list, create a host with tags, update a host. */
export function HostAdmin() {
  const users = useUsers({ limit: 100 })
  const create = useCreateUser()
  const update = useUpdateUser()
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [formKey, setFormKey] = useState(0)
  const selected = users.data?.results.find((user) => user.id === selectedId)

  const createHost = (fields: HostFields) =>
    create.mutate(
      {
        name: fields.name.trim(),
        display_name: optional(fields.display_name),
        email: optional(fields.email),
        default_invite_link: optional(fields.default_invite_link),
        tags: parseTags(fields.tags),
        authorized_stream_tags: parseTags(fields.authorized_stream_tags),
      },
      {
        onSuccess: (user) => {
          setSelectedId(user.id)
          setFormKey((key) => key + 1)
        },
      },
    )
  const updateHost = (fields: HostFields) => {
    if (!selected) return
    update.mutate({
      id: selected.id,
      patch: {
        name: fields.name.trim(),
        ...(optional(fields.email) ? { email: fields.email.trim() } : {}),
        ...(optional(fields.default_invite_link) ? { default_invite_link: fields.default_invite_link.trim() } : {}),
        tags: parseTags(fields.tags),
        authorized_stream_tags: parseTags(fields.authorized_stream_tags),
      },
    })
  }

  return (
    <div className="hm-root admin">
      <header className="admin__header">
        <h1>Hosts</h1>
        <p className="admin__muted">{users.data ? `${users.data.results.length} hosts` : users.isError ? '' : 'Loading hosts…'}</p>
      </header>
      <div className="admin__layout">
        <section aria-label="All hosts" className="admin__list">
          {users.isError ? (
            <div role="alert">
              Hosts could not be loaded. {users.error.message}{' '}
              <button type="button" className="hm-button" onClick={() => void users.refetch()}>
                Try again
              </button>
            </div>
          ) : null}
          <table>
            <caption className="hm-visually-hidden">Hosts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">Followers</th>
                <th scope="col">Tags</th>
                <th scope="col">May tag streams with</th>
              </tr>
            </thead>
            <tbody>
              {[...(users.data?.results ?? [])].reverse().map((user) => (
                <tr key={user.id} data-selected={user.id === selectedId || undefined}>
                  <th scope="row">
                    <button type="button" className="admin__pick" aria-pressed={user.id === selectedId} onClick={() => setSelectedId(user.id)}>
                      <span dir="auto">{user.display_name ?? user.name ?? user.id}</span>
                      <span className="admin__muted" dir="auto">
                        {user.name}
                        {user.email ? ` · ${user.email}` : ''}
                      </span>
                    </button>
                  </th>
                  <td>{formatCompactNumber(user.followers)}</td>
                  <td>
                    <TagList tags={user.tags} label={`Tags of ${user.name ?? user.id}`} />
                  </td>
                  <td>
                    <TagList tags={user.authorized_stream_tags} label={`Stream tags ${user.name ?? user.id} may use`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <aside className="admin__side">
          <HostForm
            key={`create-${formKey}`}
            title="New host"
            initial={EMPTY}
            creating
            pending={create.isPending}
            status={create.isError ? `Not created: ${create.error.message}` : create.isSuccess ? `Created ${create.data.name ?? 'the host'}.` : ''}
            onSubmit={createHost}
          />
          {selected ? (
            <HostForm
              key={selected.id}
              title={`Edit ${selected.display_name ?? selected.name ?? 'host'}`}
              initial={fieldsOf(selected)}
              creating={false}
              pending={update.isPending}
              status={update.isError ? `Not saved, rolled back: ${update.error.message}` : update.isSuccess ? 'Saved.' : ''}
              onSubmit={updateHost}
            />
          ) : null}
        </aside>
      </div>
    </div>
  )
}
