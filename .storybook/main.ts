import type { StorybookConfig } from '@storybook/react-vite'
import { HOTMIC_PROXY_PATH, hotmicProxy } from './hotmic-proxy.js'

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  // mockServiceWorker.js and the generated HLS media (public/media) are served as they are.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // A product demo, not a Storybook tutorial: no onboarding checklist in the sidebar or menu.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  viteFinal(viteConfig) {
    const proxy = hotmicProxy()
    return {
      ...viteConfig,
      // Real-API mode (HOTMIC_API_KEY=… npm start): the stories call the same-origin proxy path; the
      // key stays in this Node process. Without a key the stories run on the embedded API.
      define: { ...viteConfig.define, __HOTMIC_API_PATH__: JSON.stringify(proxy ? HOTMIC_PROXY_PATH : '') },
      server: { ...viteConfig.server, proxy: { ...viteConfig.server?.proxy, ...proxy } },
    }
  },
}

export default config
