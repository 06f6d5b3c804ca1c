// `npm run build`: the package as published. tsc emits ESM (one file per module, so `'use client'`
// directives, tree-shaking and the dynamic `import('hls.js')` survive as written) plus `.d.ts`
// files; the one stylesheet is copied beside them.
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, run } from './run.mjs'

const dist = join(ROOT, 'dist')
rmSync(dist, { recursive: true, force: true })
const code = await run('tsc', ['-p', 'tsconfig.build.json'])
if (code !== 0) process.exit(code)
copyFileSync(join(ROOT, 'src', 'components', 'styles.css'), join(dist, 'styles.css'))
console.log('[hotmic-react] built dist/')
