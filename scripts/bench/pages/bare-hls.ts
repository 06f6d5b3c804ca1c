// The limit: hls.js used directly, no React, no framework.
import Hls from 'hls.js'
import { LADDER, reportFirstFrame } from './first-frame.js'

reportFirstFrame()
const video = document.querySelector('video')!
const hls = new Hls()
hls.loadSource(LADDER)
hls.attachMedia(video)
