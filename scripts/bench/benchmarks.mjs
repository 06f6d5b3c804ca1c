// The benchmarks `npm run bench` runs. Each has variants measured in interleaved runs and a report
// that turns their medians into ratios against a baseline of the same run.

async function firstFrame(page, url) {
  await page.goto(url)
  await page.waitForFunction(() => window.__bench?.firstFrame !== undefined, null, { timeout: 60_000 })
  return page.evaluate(() => window.__bench.firstFrame)
}

async function openFromCard(page, url, { hover }) {
  await page.goto(url)
  const button = page.locator('#open')
  await button.waitFor()
  if (hover) {
    await button.hover()
    // A person's hover lasts a few hundred ms before the click.
    await page.waitForTimeout(300)
  }
  await button.click()
  await page.waitForFunction(() => window.__bench?.firstFrame !== undefined, null, { timeout: 60_000 })
  return page.evaluate(() => window.__bench.firstFrame - window.__bench.clickedAt)
}

const row = (cells) => `| ${cells.join(' | ')} |`

/** Every benchmark, in report order. */
export const benchmarks = [
  {
    id: 'start',
    title: 'Player start: time to the first decoded frame',
    method:
      'A fresh browser context per run (cold cache) loads a page that plays the local three-rendition HLS ladder muted; the time is ' +
      '`requestVideoFrameCallback`\'s timestamp of the first presented frame, from navigation start. Pages are production builds. ' +
      'Baselines: **bare hls.js** (no React: the limit) and **naive React** (hls.js imported statically, created in an effect). ' +
      'The hover case opens the player from a button: click to first frame, with the card\'s intent prefetch (`preloadHls()` on hover) against without.',
    variants: [
      { id: 'bare', measure: ({ page, origin }) => firstFrame(page, `${origin}/bare-hls.html`).then((ms) => ({ ms })) },
      { id: 'naive', measure: ({ page, origin }) => firstFrame(page, `${origin}/naive-react.html`).then((ms) => ({ ms })) },
      { id: 'player', measure: ({ page, origin }) => firstFrame(page, `${origin}/hls-player.html`).then((ms) => ({ ms })) },
      { id: 'hover', measure: ({ page, origin }) => openFromCard(page, `${origin}/hover-prefetch.html`, { hover: true }).then((ms) => ({ ms })) },
      { id: 'nohover', measure: ({ page, origin }) => openFromCard(page, `${origin}/hover-none.html`, { hover: false }).then((ms) => ({ ms })) },
    ],
    report(m, { fmt }) {
      const bare = m.bare.ms
      const naive = m.naive.ms
      const player = m.player.ms
      const markdown = [
        row(['variant', 'median', '÷ bare hls.js', '÷ naive React']),
        row(['---', '---:', '---:', '---:']),
        row(['bare hls.js (limit)', fmt(bare, 'ms'), '1.00', (bare / naive).toFixed(2)]),
        row(['naive React + hls.js', fmt(naive, 'ms'), (naive / bare).toFixed(2), '1.00']),
        row(['**HlsPlayer**', fmt(player, 'ms'), `**${(player / bare).toFixed(2)}**`, `**${(player / naive).toFixed(2)}**`]),
        '',
        row(['open from a card (click → first frame)', 'median', '÷ without prefetch']),
        row(['---', '---:', '---:']),
        row(['without intent prefetch', fmt(m.nohover.ms, 'ms'), '1.00']),
        row(['**with hover prefetch**', fmt(m.hover.ms, 'ms'), `**${(m.hover.ms / m.nohover.ms).toFixed(2)}**`]),
        '',
        `Targets: HlsPlayer ≤ 1.00 × naive React (now ${(player / naive).toFixed(2)}) and ≤ 1.10 × bare hls.js (now ${(player / bare).toFixed(2)}).`,
      ].join('\n')
      return { markdown, text: markdown }
    },
  },
]
