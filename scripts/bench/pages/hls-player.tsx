// hotmic-react's HlsPlayer, as an app would use it.
import { createRoot } from 'react-dom/client'
import { HlsPlayer } from '../../../src/index.js'
import { LADDER, reportFirstFrame } from './first-frame.js'

reportFirstFrame()
createRoot(document.getElementById('root')!).render(<HlsPlayer src={LADDER} autoPlay="muted" style={{ width: 640, height: 360 }} />)
