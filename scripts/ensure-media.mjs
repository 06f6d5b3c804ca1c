// Makes sure the generated test media in public/media/ exists and is current.
// Finds ffmpeg (FFMPEG_PATH, else PATH); on Debian/Ubuntu as root it installs
// ffmpeg with apt-get when missing; then runs makeMedia() (a no-op when the
// media is already up to date). Node built-ins only.
//
//   node scripts/ensure-media.mjs [--force] [--out <dir>]

import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

import { INSTALL_HINT, findFfmpeg, isMain, makeMedia, parseArgs, readCurrentManifest } from './make-media.mjs';

/**
 * Ensures the test media is generated, installing ffmpeg first if needed and possible
 * (Debian/Ubuntu, running as root). ffmpeg is only looked for when media must be made.
 *
 * @param {object} [options] passed through to makeMedia()
 * @param {string} [options.outDir='public/media'] absolute, or relative to the project root
 * @param {boolean} [options.force=false] regenerate even if up to date
 * @param {(msg: string) => void} [options.log=console.log]
 * @returns {Promise<{ outDir: string, generated: boolean, manifest: object }>}
 */
export async function ensureMedia({ outDir = 'public/media', force = false, log = console.log } = {}) {
  if (!force && (await readCurrentManifest(outDir))) {
    return makeMedia({ outDir, force, log }); // logs "media up to date"
  }
  let ffmpegPath = findFfmpeg();
  if (!ffmpegPath) {
    await installFfmpeg(log);
    // apt installs to /usr/bin, which a minimal PATH may not include.
    ffmpegPath = findFfmpeg() ?? (existsSync('/usr/bin/ffmpeg') ? '/usr/bin/ffmpeg' : null);
    if (!ffmpegPath) throw new Error(`ffmpeg still not found on PATH after installing. ${INSTALL_HINT}`);
  }
  return makeMedia({ outDir, force, log, ffmpegPath });
}

async function installFfmpeg(log) {
  const debian = existsSync('/etc/debian_version');
  const root = process.getuid?.() === 0;
  if (!debian || !root) {
    const why = debian ? ' (not running as root, so not installing it automatically; try `sudo apt-get install ffmpeg`)' : '';
    throw new Error(`ffmpeg not found on PATH${why}. ${INSTALL_HINT}`);
  }
  // apt/dpkg need the system dirs even if the caller's PATH is minimal.
  const PATH = [process.env.PATH, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']
    .filter(Boolean)
    .join(':');
  const env = { ...process.env, PATH, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => exec('apt-get', ['install', '-y', '--no-install-recommends', 'ffmpeg'], env);
  const update = () => exec('apt-get', ['update'], env);

  log('ensure-media: ffmpeg not found; installing it with apt-get');
  let updated = false;
  if (!hasAptLists()) {
    await update();
    updated = true;
  }
  try {
    await install();
  } catch (err) {
    if (updated) throw new Error(`apt-get install ffmpeg failed: ${err.message}. ${INSTALL_HINT}`);
    // Package lists may be stale; refresh once and retry.
    await update();
    await install().catch((e) => {
      throw new Error(`apt-get install ffmpeg failed: ${e.message}. ${INSTALL_HINT}`);
    });
  }
}

/** True if apt has downloaded package lists before (otherwise `apt-get update` is needed). */
function hasAptLists() {
  try {
    return readdirSync('/var/lib/apt/lists').some((f) => f.endsWith('_Packages') || f.endsWith('_Packages.lz4'));
  } catch {
    return false;
  }
}

/** Runs a command with inherited stdio (output is streamed). */
function exec(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} ${signal ? `killed by ${signal}` : `exited with ${code}`}`)),
    );
  });
}

if (isMain(import.meta.url)) {
  Promise.resolve()
    .then(() => ensureMedia(parseArgs()))
    .catch((err) => {
      console.error(`ensure-media: ${err.message}`);
      process.exitCode = 1;
    });
}
