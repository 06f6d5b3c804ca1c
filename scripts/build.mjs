// `npm run build`: the package as published. tsc emits ESM (one file per module, so `'use client'`
// directives, tree-shaking and the dynamic `import('hls.js')` survive as written) plus `.d.ts`
// files and source maps (src/ ships too, so they resolve); the one stylesheet is copied beside them.
import { copyFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, run } from './run.mjs'

const dist = join(ROOT, 'dist')
rmSync(dist, { recursive: true, force: true })
const code = await run('tsc', ['-p', 'tsconfig.build.json'])
if (code !== 0) process.exit(code)
copyFileSync(join(ROOT, 'src', 'components', 'styles.css'), join(dist, 'styles.css'))
// A side-effect import of the stylesheet type-checks under noUncheckedSideEffectImports (TypeScript 6's default).
writeFileSync(join(dist, 'styles.css.d.ts'), '// hotmic-react/styles.css: import it for its side effect.\nexport {}\n')
console.log('[hotmic-react] built dist/')
