// The limit: hls.js used directly, no React, no framework. The <video> has native controls, as
// HlsPlayer's does by default.
import Hls from 'hls.js'
import { LADDER, reportFirstFrame } from './first-frame.js'

reportFirstFrame()
const video = document.querySelector('video')!
const hls = new Hls()
hls.loadSource(LADDER)
hls.attachMedia(video)
