import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs'

const root = fileURLToPath(new URL('.', import.meta.url))

// Each browser project gets its own config object: a shared one makes instance names collide.
function chromium() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } }),
    instances: [{ browser: 'chromium' as const }],
    screenshotFailures: false,
  }
}

// React 18.3 (installed by scripts/ensure-react18.mjs) replaces React 19 in the `unit-react18` project.
const react18 = `${root}node_modules/.cache/react18/node_modules`
const react18Alias = [
  // Its CommonJS main would require React 19 past the alias: use its ES build, which Vite resolves.
  { find: /^@testing-library\/react$/, replacement: `${root}node_modules/@testing-library/react/dist/@testing-library/react.esm.js` },
  { find: /^react-dom(\/.*)?$/, replacement: `${react18}/react-dom$1` },
  { find: /^react(\/.*)?$/, replacement: `${react18}/react$1` },
]

const browserDeps = ['@tanstack/react-virtual', 'axe-core', 'hls.js', 'msw', 'msw/browser', 'msw-storybook-addon/csf3', '@tanstack/react-query', 'react', 'react-dom', 'react-dom/client']

export default defineConfig({
  plugins: [react()],
  optimizeDeps: { include: browserDeps },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/browser/**'],
          setupFiles: ['test/setup.ts'],
          globals: true,
          // A hang guard, not a time budget: jsdom renders of long lists crawl on a loaded 2-core machine.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        resolve: { alias: react18Alias },
        test: {
          name: 'unit-react18',
          environment: 'jsdom',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/browser/**'],
          setupFiles: ['test/setup.ts', 'test/react18-setup.ts'],
          globals: true,
          testTimeout: 20_000,
          // Libraries that import React are bundled through Vite so the alias reaches them too.
          server: { deps: { inline: [/@tanstack\/react-query/, /@tanstack\/react-virtual/, /@testing-library\/react/] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          browser: chromium(),
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: `${root}.storybook` })],
        test: {
          name: 'storybook',
          browser: chromium(),
          testTimeout: 60_000,
        },
      },
    ],
  },
})
