import type { ReactNode } from 'react'
import type { HotMicError } from '../../src/client/errors.js'

/** A labelled panel for one hook's output, with its React Query status as `data-status`. */
export function HookPanel({ title, status, error, children }: { title: string; status: string; error?: HotMicError | null; children?: ReactNode }) {
  return (
    <section aria-label={title} data-status={status} style={{ padding: 16, fontFamily: 'system-ui, sans-serif' }}>
      <h2 style={{ fontSize: 18, margin: '0 0 8px' }}>{title}</h2>
      <p>
        Status: <strong data-testid="status">{status}</strong>
      </p>
      {error ? <p role="alert">{`${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}`}</p> : null}
      {children}
    </section>
  )
}

/** A plain list of titles. */
export function TitleList({ label, items }: { label: string; items: readonly { id: string; title?: string | undefined; name?: string | undefined }[] }) {
  return (
    <ul aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>{item.title ?? item.name ?? item.id}</li>
      ))}
    </ul>
  )
}
