// `npm start`: Storybook on the embedded HotMic API with real HLS media (made on first run).
//   npm start -- --port 7007 --no-open    extra arguments go to `storybook dev`
import { ensureMedia } from './ensure-media.mjs'
import { run } from './run.mjs'

await ensureMedia()
const args = process.argv.slice(2)
if (!args.some((arg) => arg === '-p' || arg.startsWith('--port'))) args.push('--port', '6006')
if (process.env.CI && !args.includes('--no-open')) args.push('--no-open')
process.exit(await run('storybook', ['dev', ...args]))
