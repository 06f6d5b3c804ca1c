// The naive integration: a React component that creates hls.js in an effect.
import Hls from 'hls.js'
import { useEffect, useRef } from 'react'
import { createRoot } from 'react-dom/client'
import { LADDER, reportFirstFrame } from './first-frame.js'

function Player({ src }: { src: string }) {
  const ref = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    const hls = new Hls()
    hls.loadSource(src)
    hls.attachMedia(ref.current!)
    return () => hls.destroy()
  }, [src])
  // Native controls, as HlsPlayer shows by default: the same page, not a lighter one.
  return <video ref={ref} muted autoPlay playsInline controls style={{ width: 640, height: 360 }} />
}

reportFirstFrame()
createRoot(document.getElementById('root')!).render(<Player src={LADDER} />)
