#!/usr/bin/env node
// Generates deterministic test media with ffmpeg into public/media/ (git-ignored;
// Vite serves it at /media/...): a 3-rendition HLS ladder with a master playlist,
// a portrait HLS VOD, a progressive MP4, WebVTT captions, JPEG thumbnails and
// avatars, and a manifest.json. Generation is skipped when manifest.json carries the current
// version and every listed file is present. Node built-ins only.
//
//   node scripts/make-media.mjs [--force] [--out <dir>]
//   npx hotmic-react-media --out public/media    (in an app that installed hotmic-react)
//
// Bump SCHEMA whenever the command-building logic changes in a way that
// SETTINGS does not capture, so cached media is regenerated.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants as fsConstants, existsSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCHEMA = 4;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Everything that shapes the output. Part of the version hash. */
const SETTINGS = {
  durationSec: 24,
  fps: 30,
  segmentSec: 2,
  x264: { preset: 'veryfast', profile: 'main', threads: 1 }, // >1 frame threads are not bit-exact
  audio: { codec: 'aac', sampleRate: 48000, channels: 2, beepFactor: 2 },
  ladder: [
    { name: '240p', width: 426, height: 240, videoKbps: 300, audioKbps: 48, level: '3.0', toneHz: 440, mark: 'red' },
    { name: '360p', width: 640, height: 360, videoKbps: 600, audioKbps: 64, level: '3.0', toneHz: 660, mark: 'lime' },
    { name: '720p', width: 1280, height: 720, videoKbps: 1400, audioKbps: 96, level: '3.1', toneHz: 880, mark: 'blue' },
  ],
  // testsrc2 rendered landscape, rotated to portrait and hue-shifted.
  portrait: { width: 360, height: 640, videoKbps: 400, audioKbps: 64, level: '3.0', toneHz: 550, hue: 150 },
  vod: { from: '360p' },
  // One cue per segment, so a test can tell from the showing cue where playback is.
  captions: { file: 'captions/en.vtt', language: 'en', label: 'English', text: 'Segment {n} of the HotMic test stream' },
  jpegQuality: 4,
  thumbnails: [
    ['thumb-01.jpg', 'testsrc2=size=480x270:rate=30,trim=start_frame=45'],
    ['thumb-02.jpg', 'smptehdbars=size=480x270'],
    ['thumb-03.jpg', 'mandelbrot=size=480x270'],
    ['thumb-04.jpg', "cellauto=size=480x270:rule=30:start_full=1:random_seed=7:rate=1,format=rgb24,lutrgb=r='val*0.15':g='val*0.8':b='val'"],
    ['thumb-05.jpg', 'life=size=480x270:mold=10:ratio=0.4:seed=7:life_color=0xffcc00:death_color=0x991f00:mold_color=0x220044:rate=30,trim=start_frame=40'],
    ['thumb-06.jpg', 'gradients=size=480x270:c0=0xff512f:c1=0xdd2476:c2=0x1fa2ff:nb_colors=3:x0=0:y0=0:x1=480:y1=270:seed=6'],
    ['thumb-07.jpg', "sierpinski=size=480x270:type=carpet:seed=3,format=rgb24,lutrgb=r='val*0.95':g='val*0.75':b='val*0.3'"],
    ['thumb-08.jpg', 'colorspectrum=size=480x270:type=all'],
    ['thumb-portrait-01.jpg', "sierpinski=size=270x480:type=triangle:seed=5,format=rgb24,negate,lutrgb=r='val*0.55':g='val*0.85':b='val*0.6'"],
    ['thumb-portrait-02.jpg', 'testsrc2=size=480x270:rate=30,trim=start_frame=90,transpose=clock,hue=h=240'],
  ],
  avatarSize: 96,
  avatars: [
    ['avatar-01.jpg', '0x2563eb', '0x9333ea'],
    ['avatar-02.jpg', '0xf97316', '0xdc2626'],
    ['avatar-03.jpg', '0x10b981', '0x0e7490'],
    ['avatar-04.jpg', '0xeab308', '0x65a30d'],
    ['avatar-05.jpg', '0xec4899', '0x7c3aed'],
    ['avatar-06.jpg', '0x475569', '0x0f172a'],
  ],
};

const VERSION = createHash('sha256')
  .update(JSON.stringify({ SCHEMA, SETTINGS }))
  .digest('hex')
  .slice(0, 16);

/** How to get a suitable ffmpeg; part of every "ffmpeg missing" error. */
export const INSTALL_HINT =
  'Install it with `apt-get install ffmpeg` (Debian/Ubuntu) or `brew install ffmpeg` (macOS), ' +
  'or point FFMPEG_PATH at an ffmpeg binary built with libx264.';

// Output flags that keep muxers/encoders from embedding versions, dates or metadata.
const BITEXACT = ['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1'];

/**
 * Resolves the ffmpeg binary: `FFMPEG_PATH` if set, otherwise `ffmpeg` on PATH.
 * Does not check that the binary works (see {@link checkFfmpeg}).
 * @returns {string | null} an absolute path (or the FFMPEG_PATH value), or null if not found
 */
export function findFfmpeg() {
  const override = process.env.FFMPEG_PATH;
  if (override) return override;
  const names = process.platform === 'win32' ? ['ffmpeg.exe', 'ffmpeg'] : ['ffmpeg'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        if (statSync(candidate).isFile()) {
          accessSync(candidate, fsConstants.X_OK);
          return candidate;
        }
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return null;
}

/**
 * Verifies that `ffmpegPath` runs and has the encoders this script needs.
 * @param {string} ffmpegPath
 * @returns {Promise<string>} the first line of `ffmpeg -version`
 */
export async function checkFfmpeg(ffmpegPath) {
  let version;
  try {
    const first = (await run(ffmpegPath, ['-hide_banner', '-version'])).stdout.toString().split('\n')[0];
    version = /^ffmpeg version \S+/.exec(first)?.[0] ?? first.trim();
  } catch (err) {
    throw new Error(`Cannot run ffmpeg at "${ffmpegPath}" (${err.message.split('\n')[0]}). ${INSTALL_HINT}`);
  }
  const encoders = (await run(ffmpegPath, ['-hide_banner', '-encoders'])).stdout.toString();
  const missing = ['libx264', 'aac', 'mjpeg'].filter((e) => !new RegExp(`^\\s*\\S+\\s+${e}\\s`, 'm').test(encoders));
  if (missing.length) {
    throw new Error(`ffmpeg at "${ffmpegPath}" lacks encoder(s) ${missing.join(', ')}. ${INSTALL_HINT}`);
  }
  return version;
}

/**
 * Reads `outDir/manifest.json` and reports whether it is current: same version
 * and every listed file present with the recorded size.
 * @param {string} [outDir] absolute, or relative to the project root
 * @returns {Promise<object | null>} the manifest if up to date, else null
 */
export async function readCurrentManifest(outDir = 'public/media') {
  const dir = path.resolve(ROOT, outDir);
  let manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
  if (manifest?.version !== VERSION || !Array.isArray(manifest.files)) return null;
  for (const f of manifest.files) {
    try {
      if ((await stat(path.join(dir, f.path))).size !== f.bytes) return null;
    } catch {
      return null;
    }
  }
  return manifest;
}

/**
 * Generates the test media into `outDir` unless it is already up to date.
 * Work happens in a sibling temp dir that is renamed into place at the end, so
 * an interrupted run never leaves a complete-looking folder behind.
 *
 * @param {object} [options]
 * @param {string} [options.outDir='public/media'] absolute, or relative to the project root
 * @param {boolean} [options.force=false] regenerate even if up to date
 * @param {(msg: string) => void} [options.log=console.log]
 * @param {string} [options.ffmpegPath] ffmpeg binary; defaults to {@link findFfmpeg}
 * @returns {Promise<{ outDir: string, generated: boolean, manifest: object }>}
 */
export async function makeMedia({ outDir = 'public/media', force = false, log = console.log, ffmpegPath } = {}) {
  const dir = path.resolve(ROOT, outDir);
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  await removeStaleSiblings(parent, base);
  if (!force) {
    const current = await readCurrentManifest(dir);
    if (current) {
      log(`media up to date (${shown(dir)}, version ${VERSION})`);
      return { outDir: dir, generated: false, manifest: current };
    }
  }

  const ffmpeg = ffmpegPath ?? findFfmpeg();
  if (!ffmpeg) throw new Error(`ffmpeg not found on PATH. ${INSTALL_HINT}`);
  const ffmpegVersion = await checkFfmpeg(ffmpeg);

  const started = Date.now();
  await mkdir(parent, { recursive: true });
  const tmp = path.join(parent, `${base}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  // Keeps the temp dir out of `git status` if outDir's parent is not ignored.
  await writeFile(path.join(tmp, '.gitignore'), '*\n');

  try {
    log(`media: generating into ${shown(dir)} with ${ffmpegVersion}`);
    const ff = (args, cwd) => run(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { cwd });

    // Longest encodes first, then the cheap stills; two jobs at a time (x264 runs single-threaded).
    const jobs = [];
    for (const r of [...SETTINGS.ladder].reverse()) {
      jobs.push(() => encodeHls(ff, path.join(tmp, 'ladder', r.name), ladderVideoSource(r), r).then(() => log(`media: ladder/${r.name}`)));
    }
    const p = SETTINGS.portrait;
    jobs.splice(1, 0, () =>
      encodeHls(ff, path.join(tmp, 'portrait'), portraitVideoSource(p), p).then(() => log('media: portrait')),
    );
    // Progressive MP4: the chosen rendition's source and encoder settings, muxed straight
    // to MP4 (rather than remuxed from TS) so AAC priming and start times are clean.
    const vod = SETTINGS.ladder.find((r) => r.name === SETTINGS.vod.from);
    jobs.push(() => encode(ff, tmp, ladderVideoSource(vod), vod, ['-movflags', '+faststart', '-f', 'mp4', 'vod.mp4'])
      .then(() => log('media: vod.mp4')));
    jobs.push(() => makeCaptions(ff, tmp).then(() => log('media: captions')));
    const thumbDir = path.join(tmp, 'thumbnails');
    await mkdir(thumbDir, { recursive: true });
    for (const [file, graph] of SETTINGS.thumbnails) jobs.push(() => still(ff, graph, path.join(thumbDir, file)));
    for (const [file, c0, c1] of SETTINGS.avatars) jobs.push(() => still(ff, avatarGraph(c0, c1), path.join(thumbDir, file)));
    await pool(jobs, Math.min(2, Math.max(1, os.availableParallelism?.() ?? os.cpus().length)));
    log(`media: ${SETTINGS.thumbnails.length} thumbnails, ${SETTINGS.avatars.length} avatars`);

    // Master playlist from what was actually written.
    const variants = [];
    for (const r of SETTINGS.ladder) {
      variants.push({ ...r, ...(await describeRendition(ff, path.join(tmp, 'ladder', r.name))) });
    }
    const master = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      ...variants.flatMap((v) => [
        `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth},AVERAGE-BANDWIDTH=${v.averageBandwidth},` +
          `RESOLUTION=${v.width}x${v.height},FRAME-RATE=${SETTINGS.fps.toFixed(3)},CODECS="${v.codecs}"`,
        `${v.name}/index.m3u8`,
      ]),
      '',
    ].join('\n');
    await writeFile(path.join(tmp, 'ladder', 'master.m3u8'), master);
    const portrait = await describeRendition(ff, path.join(tmp, 'portrait'));

    const files = [];
    for (const rel of await listFiles(tmp)) {
      if (rel === '.gitignore') continue;
      const buf = await readFile(path.join(tmp, rel));
      files.push({ path: rel, bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') });
    }
    const manifest = {
      version: VERSION,
      schema: SCHEMA,
      generator: 'scripts/make-media.mjs',
      ffmpeg: ffmpegVersion,
      durationSec: SETTINGS.durationSec,
      segmentSec: SETTINGS.segmentSec,
      master: 'ladder/master.m3u8',
      renditions: variants.map((v) => ({
        name: v.name, playlist: `ladder/${v.name}/index.m3u8`, width: v.width, height: v.height,
        bandwidth: v.bandwidth, averageBandwidth: v.averageBandwidth, codecs: v.codecs, segments: v.segments, toneHz: v.toneHz,
      })),
      portrait: {
        playlist: 'portrait/index.m3u8', width: p.width, height: p.height, bandwidth: portrait.bandwidth,
        averageBandwidth: portrait.averageBandwidth, codecs: portrait.codecs, segments: portrait.segments, toneHz: p.toneHz,
      },
      vod: 'vod.mp4',
      captions: { path: SETTINGS.captions.file, language: SETTINGS.captions.language, label: SETTINGS.captions.label },
      thumbnails: SETTINGS.thumbnails.map(([f]) => `thumbnails/${f}`),
      avatars: SETTINGS.avatars.map(([f]) => `thumbnails/${f}`),
      files,
    };
    await writeFile(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

    // Swap into place. If another process finished the same version meanwhile, keep theirs.
    if (!force && (await readCurrentManifest(dir))) {
      await rm(tmp, { recursive: true, force: true });
    } else {
      const old = path.join(parent, `${base}.old-${process.pid}`);
      if (existsSync(dir)) await rename(dir, old);
      try {
        await rename(tmp, dir);
      } catch (err) {
        // A concurrent run got there between our two renames; fine if it made the same version.
        if (!(await readCurrentManifest(dir))) throw err;
        await rm(tmp, { recursive: true, force: true });
      }
      await rm(old, { recursive: true, force: true });
    }
    const total = files.reduce((n, f) => n + f.bytes, 0);
    log(`media: done in ${((Date.now() - started) / 1000).toFixed(1)} s, ${files.length} files, ${(total / 1e6).toFixed(2)} MB`);
    return { outDir: dir, generated: true, manifest };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
    throw err;
  }
}

// ---------------------------------------------------------------------------

function ladderVideoSource(r) {
  const box = Math.round(r.height / 8);
  const inset = Math.round(box / 6);
  // A white-framed coloured square in the bottom-right corner tells renditions apart on screen.
  return `testsrc2=size=${r.width}x${r.height}:rate=${SETTINGS.fps}:duration=${SETTINGS.durationSec},` +
    `drawbox=x=iw-${box}:y=ih-${box}:w=${box}:h=${box}:color=white:t=fill,` +
    `drawbox=x=iw-${box - inset}:y=ih-${box - inset}:w=${box - 2 * inset}:h=${box - 2 * inset}:color=${r.mark}:t=fill`;
}

function portraitVideoSource(p) {
  return `testsrc2=size=${p.height}x${p.width}:rate=${SETTINGS.fps}:duration=${SETTINGS.durationSec},` +
    `transpose=clock,hue=h=${p.hue}`;
}

function avatarGraph(c0, c1) {
  const s = SETTINGS.avatarSize;
  const c = s / 2;
  // Gradient background with a light "person" silhouette (head + shoulders).
  const inside = `lt(hypot(X-${c}\\,Y-${s * 0.4})\\,${s * 0.18})+lt(hypot(X-${c}\\,(Y-${s * 1.08})*0.9)\\,${s * 0.4})`;
  const ch = (name) => `${name}='if(${inside}\\,245\\,${name}(X\\,Y))'`;
  return `gradients=size=${s}x${s}:c0=${c0}:c1=${c1}:nb_colors=2:x0=0:y0=0:x1=${s / 2}:y1=${s / 2}:seed=1,` +
    `format=rgb24,geq=${ch('r')}:${ch('g')}:${ch('b')}`;
}

function encodeHls(ff, dir, videoGraph, r) {
  const { segmentSec } = SETTINGS;
  return encode(ff, dir, videoGraph, r, [
    '-f', 'hls', '-hls_time', String(segmentSec), '-hls_playlist_type', 'vod', '-hls_list_size', '0',
    '-hls_segment_type', 'mpegts', '-hls_segment_filename', 'seg-%03d.ts', 'index.m3u8',
  ]);
}

/** H.264 + AAC encode of `videoGraph` and a sine tone; `outputArgs` pick the muxer (cwd is `dir`). */
async function encode(ff, dir, videoGraph, r, outputArgs) {
  await mkdir(dir, { recursive: true });
  const { fps, durationSec, segmentSec, x264, audio } = SETTINGS;
  const gop = fps * segmentSec;
  await ff(
    [
      '-f', 'lavfi', '-i', videoGraph,
      '-f', 'lavfi', '-i',
      `sine=frequency=${r.toneHz}:beep_factor=${audio.beepFactor}:sample_rate=${audio.sampleRate}:duration=${durationSec}`,
      '-map', '0:v:0', '-map', '1:a:0',
      '-c:v', 'libx264', '-preset', x264.preset, '-profile:v', x264.profile, '-level:v', r.level,
      '-pix_fmt', 'yuv420p', '-threads', String(x264.threads),
      '-b:v', `${r.videoKbps}k`, '-maxrate', `${Math.round(r.videoKbps * 1.1)}k`, '-bufsize', `${r.videoKbps * 2}k`,
      '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
      '-c:a', audio.codec, '-b:a', `${r.audioKbps}k`, '-ac', String(audio.channels), '-ar', String(audio.sampleRate),
      ...BITEXACT,
      ...outputArgs,
    ],
    dir,
  );
}

/** WebVTT captions, one cue per segment: written as SRT, converted by ffmpeg's WebVTT muxer. */
async function makeCaptions(ff, dir) {
  const { durationSec, segmentSec, captions } = SETTINGS;
  const stamp = (s) => `00:00:${String(s).padStart(2, '0')},000`;
  const cues = [];
  for (let n = 1; n * segmentSec <= durationSec; n++) {
    cues.push(`${n}\n${stamp((n - 1) * segmentSec)} --> ${stamp(n * segmentSec)}\n${captions.text.replace('{n}', String(n))}\n`);
  }
  const file = path.join(dir, captions.file);
  await mkdir(path.dirname(file), { recursive: true });
  const srt = `${file}.srt`;
  await writeFile(srt, cues.join('\n'));
  await ff(['-i', srt, ...BITEXACT, '-f', 'webvtt', path.basename(file)], path.dirname(file));
  await rm(srt);
}

function still(ff, graph, file) {
  return ff(
    ['-f', 'lavfi', '-i', graph, '-frames:v', '1', '-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p',
      '-q:v', String(SETTINGS.jpegQuality), ...BITEXACT, '-f', 'image2', '-update', '1', file],
    path.dirname(file),
  );
}

/** Segment list, peak/average bitrate and RFC 6381 codecs of a written rendition. */
async function describeRendition(ff, dir) {
  const segs = parsePlaylist(await readFile(path.join(dir, 'index.m3u8'), 'utf8'));
  let peak = 0;
  let bytes = 0;
  let seconds = 0;
  for (const s of segs) {
    const size = (await stat(path.join(dir, s.uri))).size;
    peak = Math.max(peak, (size * 8) / s.duration);
    bytes += size;
    seconds += s.duration;
  }
  const first = segs[0].uri;
  const h264 = (await ff(['-i', first, '-map', '0:v:0', '-c', 'copy', '-frames:v', '1', '-f', 'h264', 'pipe:1'], dir)).stdout;
  const adts = (await ff(['-i', first, '-map', '0:a:0', '-c', 'copy', '-frames:a', '1', '-f', 'adts', 'pipe:1'], dir)).stdout;
  return {
    segments: segs.length,
    bandwidth: Math.ceil(peak),
    averageBandwidth: Math.ceil((bytes * 8) / seconds),
    codecs: `${avcCodec(h264)},${aacCodec(adts)}`,
  };
}

/** `avc1.PPCCLL` from the first SPS in an Annex B stream. */
function avcCodec(buf) {
  for (let i = 0; i + 6 < buf.length; i++) {
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1 && (buf[i + 3] & 0x1f) === 7) {
      const hex = (b) => b.toString(16).padStart(2, '0');
      return `avc1.${hex(buf[i + 4])}${hex(buf[i + 5])}${hex(buf[i + 6])}`;
    }
  }
  throw new Error('no H.264 SPS found in first segment');
}

/** `mp4a.40.N` from an ADTS header; also checks 48 kHz stereo. */
function aacCodec(buf) {
  if (buf.length < 7 || buf[0] !== 0xff || (buf[1] & 0xf0) !== 0xf0) throw new Error('no ADTS header in first segment');
  const objectType = (buf[2] >> 6) + 1;
  const rateIndex = (buf[2] >> 2) & 0x0f;
  const channels = ((buf[2] & 0x01) << 2) | (buf[3] >> 6);
  if (rateIndex !== 3 || channels !== SETTINGS.audio.channels) {
    throw new Error(`unexpected AAC config (rate index ${rateIndex}, ${channels} channels)`);
  }
  return `mp4a.40.${objectType}`;
}

function parsePlaylist(text) {
  const out = [];
  let duration = null;
  for (const line of text.split(/\r?\n/)) {
    const m = /^#EXTINF:([\d.]+)/.exec(line);
    if (m) duration = Number(m[1]);
    else if (line && !line.startsWith('#') && duration != null) {
      out.push({ uri: line.trim(), duration });
      duration = null;
    }
  }
  if (!out.length) throw new Error('empty HLS playlist');
  return out;
}

async function listFiles(dir, prefix = '') {
  const out = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** Removes `<base>.tmp-<pid>` / `<base>.old-<pid>` left by runs whose process is gone. */
async function removeStaleSiblings(parent, base) {
  const re = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:tmp|old)-(\\d+)$`);
  let names;
  try {
    names = await readdir(parent);
  } catch {
    return; // parent does not exist yet
  }
  for (const name of names) {
    const m = re.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = pid !== process.pid;
    if (alive) {
      try {
        process.kill(pid, 0);
      } catch (err) {
        alive = err.code === 'EPERM';
      }
    }
    if (!alive) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

/** `dir` relative to cwd when inside it, else absolute (for log lines). */
function shown(dir) {
  const rel = path.relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
}

/** Runs `jobs` with bounded concurrency; stops starting new ones after a failure and rethrows it once all have settled. */
async function pool(jobs, concurrency) {
  let next = 0;
  let failure = null;
  const worker = async () => {
    while (!failure && next < jobs.length) {
      try {
        await jobs[next++]();
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  if (failure) throw failure;
}

/** Runs a command, resolving with its stdout/stderr buffers; rejects with stderr on failure. */
function run(cmd, args, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out);
      const stderr = Buffer.concat(err).toString();
      if (code === 0) resolve({ stdout, stderr });
      else {
        const tail = stderr.trim().split('\n').slice(-15).join('\n');
        reject(new Error(`${path.basename(cmd)} ${signal ? `killed by ${signal}` : `exited with ${code}`}: ${tail}\n` +
          `command: ${cmd} ${args.map((a) => (/[\s'"|;]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`));
      }
    });
  });
}

/** True when `metaUrl` is the module node was started with. */
export function isMain(metaUrl) {
  if (!process.argv[1]) return false;
  try {
    return metaUrl === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

/** Parses `--force` and `--out <dir>` (used by both CLI scripts). */
export function parseArgs(argv = process.argv.slice(2)) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--force') opts.force = true;
    else if (argv[i] === '--out') opts.outDir = path.resolve(argv[++i]);
    else if (argv[i].startsWith('--out=')) opts.outDir = path.resolve(argv[i].slice(6));
    else throw new Error(`unknown argument ${argv[i]} (usage: [--force] [--out <dir>])`);
  }
  return opts;
}

export { VERSION as MEDIA_VERSION };

if (isMain(import.meta.url)) {
  Promise.resolve()
    .then(() => makeMedia(parseArgs()))
    .catch((err) => {
      console.error(`make-media: ${err.message}`);
      process.exitCode = 1;
    });
}
