// Mount / source-change / unmount cycles of a player, driven by scripts/bench (`?player=hls-player`
// for hotmic-react's HlsPlayer, `?player=naive` for hls.js created in an effect, the baseline).
import Hls from 'hls.js'
import { useEffect, useRef } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { HlsPlayer, liveHlsInstances } from '../../../src/index.js'
import { LADDER } from './first-frame.js'

declare global {
  interface Window {
    __leaks?: { cycle: () => Promise<void>; live: () => number }
  }
}

const PORTRAIT = '/media/portrait/index.m3u8'
const kind = new URLSearchParams(location.search).get('player') ?? 'hls-player'
let naiveLive = 0

function NaivePlayer({ src }: { src: string }) {
  const ref = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    const hls = new Hls()
    naiveLive++
    hls.loadSource(src)
    hls.attachMedia(ref.current!)
    return () => {
      hls.destroy()
      naiveLive--
    }
  }, [src])
  return <video ref={ref} muted playsInline />
}

const Player = kind === 'naive' ? NaivePlayer : ({ src }: { src: string }) => <HlsPlayer src={src} autoPlay="muted" />
const root = createRoot(document.getElementById('root')!)

/** Resolves once the current <video> has its metadata, so every cycle really loads a stream. */
function loaded(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const video = document.querySelector('video')
      if (video && video.readyState >= HTMLMediaElement.HAVE_METADATA) resolve()
      else setTimeout(check, 10)
    }
    check()
  })
}

window.__leaks = {
  async cycle() {
    flushSync(() => root.render(<Player src={LADDER} />))
    await loaded()
    flushSync(() => root.render(<Player src={PORTRAIT} />))
    await new Promise((resolve) => setTimeout(resolve, 0))
    await loaded()
    flushSync(() => root.render(null))
  },
  live: () => (kind === 'naive' ? naiveLive : liveHlsInstances()),
}
