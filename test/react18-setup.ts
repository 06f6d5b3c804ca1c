import { version } from 'react'
import { expect } from 'vitest'

// Proves the alias took effect: this project must really run on React 18.
expect(version).toMatch(/^18\./)
