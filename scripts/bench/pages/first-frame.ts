// Shared by the benchmark pages: report when the first video frame is presented.
declare global {
  interface Window {
    /** Filled in by the page; read by scripts/bench/run.mjs. */
    __bench?: { firstFrame?: number; clickedAt?: number }
  }
}

/** Resolves the first <video> in the document, now or once it is added. */
function whenVideo(): Promise<HTMLVideoElement> {
  const found = document.querySelector('video')
  if (found) return Promise.resolve(found)
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const video = document.querySelector('video')
      if (!video) return
      observer.disconnect()
      resolve(video)
    })
    observer.observe(document.documentElement, { childList: true, subtree: true })
  })
}

/** Records `performance.now()` (ms since navigation start) of the first presented frame. */
export function reportFirstFrame(): void {
  window.__bench ??= {}
  void whenVideo().then((video) => {
    video.requestVideoFrameCallback((now) => {
      window.__bench!.firstFrame = now
    })
  })
}

/** The stream every start benchmark plays: the three-rendition ladder, same origin. */
export const LADDER = '/media/ladder/master.m3u8'
