/**
 * `url` if it is safe to put in `href`, `src` or `poster`: an absolute `http(s)` URL or a relative
 * one. `javascript:`, `data:`, `vbscript:` and any other scheme (mixed case, padded with whitespace
 * or control characters) give `undefined`.
 *
 * @example safeUrl(' JaVaScRiPt:alert(1)') // undefined
 * @example safeUrl('/streams/1')            // '/streams/1'
 */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  // What is checked is what is returned: trim() also takes Unicode spaces (U+00A0, U+FEFF…) off,
  // so checking before it would let '\u00a0javascript:…' through as a relative URL.
  const value = url.trim()
  // Browsers ignore these when parsing a URL's scheme, so attackers pad with them.
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
  if (cleaned === '') return undefined
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]
  return scheme === undefined || /^https?$/i.test(scheme) ? value : undefined
}
