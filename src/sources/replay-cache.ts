/**
 * The replay cache: what replaying a folder gave, kept under a key made of everything that decides it,
 * so an unchanged folder answers without starting a database and a folder with one new migration
 * replays only that one.
 *
 * - A chain of keys: key 0 is the shadow's identity (pgdrift's version and code, PGlite's version,
 *   the options that shape the state); key i hashes key i-1 with file i's path and content. The
 *   PGlite state after file i is stored under key i (`state-<key>`), for the prefixes replay saves
 *   (the folder without its newest file, and the whole folder).
 * - The model of the whole folder is stored under its last key and the inspection's options
 *   (`model-<key>`), and a plan's verification on a shadow copy of it under that key and the plan,
 *   the target and the options (`verification-<key>`): the same plan on the same files against the
 *   same target is verified once.
 * Every entry ends with the SHA-256 of what comes before it: one cut short or changed on disk is
 * removed and rebuilt, never used. Entries are written to a temporary file and renamed, so two
 * processes filling the cache at once each leave a whole entry. The cache directory (base images
 * included) is kept under a size limit by removing the least recently used entries.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../cli/version.js';
import { releaseOnInterrupt } from '../shadow/interrupt.js';
import { cacheDir } from '../cache-dir.js';
import { PGLITE_VERSION } from '../shadow/pglite-package.js';
import { PLATFORM_DIR } from '../shadow/supabase/platform.js';
import type { ShadowImage } from '../shadow/shadow.js';
import type { SqlFile } from './replay.js';

/** What decides the state a replay starts from, besides the files. */
export interface ReplayIdentity {
  supabase: boolean;
  roles: string[];
}

const DIGEST_LENGTH = 64;
const sha256 = (...parts: (string | Uint8Array)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

const dir = () => join(cacheDir(), 'replay');

/** The cache's size limit in bytes: PGDRIFT_CACHE_MAX_MB, else 2 GiB. */
function limitBytes(): number {
  const mb = Number(process.env.PGDRIFT_CACHE_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 2048) * 2 ** 20;
}

/**
 * How long a replay must have taken for the state it reached to be saved (PGDRIFT_CACHE_SAVE_MS, else
 * 250 ms): a state takes about that long to dump and write, and more to load than a few quick files
 * take to replay, so files that replay quicker are replayed again instead.
 */
export function stateWorthMs(): number {
  const ms = process.env.PGDRIFT_CACHE_SAVE_MS ? Number(process.env.PGDRIFT_CACHE_SAVE_MS) : NaN;
  return ms >= 0 ? ms : 250;
}

/**
 * The code, SQL and JSON files under the folders (not type declarations), by the path, size and time
 * of each: files are only listed and stat'ed, never read (this runs on every cached answer, so paths
 * are plain strings, without path.join per file).
 */
export function filesFingerprint(roots: string[]): string {
  let listed = '';
  const walk = (root: string, under: string) => {
    for (const e of readdirSync(`${root}${under}`, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${under}/${e.name}`;
      if (e.isDirectory()) walk(root, path);
      else if (/\.(js|ts|sql|json)$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        const s = statSync(`${root}${path}`);
        listed += `${path}\0${s.size}\0${s.mtimeMs}\0`;
      }
    }
  };
  roots.forEach((root, i) => {
    listed += `${i}\0`;
    walk(root, '');
  });
  return sha256(listed);
}

let code: string | undefined;
/**
 * pgdrift's own code and the Supabase platform it replays on: a build that changed how replay or
 * inspection works, or what a base image holds (not only a new version), never reads what an older
 * one cached.
 */
const codeFingerprint = () => (code ??= filesFingerprint([dirname(dirname(fileURLToPath(import.meta.url))), PLATFORM_DIR]));

/** Key i of the chain for i = 0 … files.length. */
export function replayChain(identity: ReplayIdentity, files: SqlFile[]): string[] {
  const chain = [sha256('pgdrift', VERSION, codeFingerprint(), 'pglite', PGLITE_VERSION, JSON.stringify({ supabase: identity.supabase, roles: [...identity.roles].sort() }))];
  for (const f of files) chain.push(sha256(chain[chain.length - 1]!, '\0', f.path, '\0', sha256(f.text)));
  return chain;
}

/** The key of a config file as validated: pgdrift's code (the schema it is checked against) and the file's format and text. */
export const configKey = (format: string, text: string) => sha256('pgdrift', VERSION, codeFingerprint(), 'config', format, '\0', text);

/** The key of a folder's model: its last chain key and what the inspection was asked. */
export const modelKey = (lastKey: string, inspection: unknown) => sha256(lastKey, 'model', JSON.stringify(inspection));

/** An entry's bytes when whole (its digest matches), else undefined (a damaged entry is removed). */
async function readEntry(file: string): Promise<Buffer | undefined> {
  const data = await readFile(file).catch(() => undefined);
  if (!data) return undefined;
  const body = data.subarray(0, Math.max(0, data.length - DIGEST_LENGTH));
  if (data.length < DIGEST_LENGTH || data.subarray(body.length).toString('latin1') !== sha256(body)) {
    await rm(file, { force: true });
    return undefined;
  }
  // Used now: the size limit removes the least recently used entries first.
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
  return body;
}

/** Write the parts, then their SHA-256, to a temporary file, and rename it into place. */
async function writeEntry(file: string, parts: Uint8Array[]): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const removeTmp = () => rm(tmp, { force: true }).catch(() => undefined);
  const unregister = releaseOnInterrupt(removeTmp);
  try {
    await mkdir(dir(), { recursive: true });
    const handle = await open(tmp, 'w');
    try {
      for (const part of parts) await handle.write(part);
      await handle.write(Buffer.from(sha256(...parts), 'latin1'));
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch {
    // A cache that cannot be written (a full disk, a read-only home) only costs time later.
    await removeTmp();
  } finally {
    unregister();
  }
  await evict().catch(() => undefined);
}

/** What the cache keeps as JSON: a folder's model, a plan's verification on a replayed source, and a validated config file. */
export type CachedKind = 'model' | 'verification' | 'config';

export async function readCachedJson<T>(kind: CachedKind, key: string): Promise<T | undefined> {
  const body = await readEntry(join(dir(), `${kind}-${key}.json`));
  if (!body) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

export async function writeCachedJson(kind: CachedKind, key: string, value: unknown): Promise<void> {
  await writeEntry(join(dir(), `${kind}-${key}.json`), [Buffer.from(JSON.stringify(value), 'utf8')]);
}

/** The key of a plan's verification: the replayed source's last chain key and everything else it was given. */
export const verificationKey = (lastKey: string, inputs: unknown) => sha256(lastKey, 'verification', JSON.stringify(inputs));

/** A state is its settings and extensions (JSON, length-prefixed) and its data directory (see shadow/data-dir.ts). */
function encodeState(image: ShadowImage): Uint8Array[] {
  const header = Buffer.from(JSON.stringify({ settings: image.settings, extensions: image.extensions }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return [length, header, image.dataDir];
}

function decodeState(body: Buffer): ShadowImage | undefined {
  try {
    const length = body.readUInt32BE(0);
    // A view of the bytes read (no copy): they are moved to the shadow's thread as they are.
    const header = JSON.parse(body.subarray(4, 4 + length).toString('utf8')) as Omit<ShadowImage, 'dataDir'>;
    return { settings: header.settings, extensions: header.extensions, dataDir: body.subarray(4 + length) };
  } catch {
    return undefined;
  }
}

/** The state after the longest prefix of the chain that the cache holds (at ≥ 1 files), if any. */
export async function findCachedState(chain: string[]): Promise<{ at: number; image: ShadowImage } | undefined> {
  for (let at = chain.length - 1; at >= 1; at--) {
    const file = join(dir(), `state-${chain[at]}.bin`);
    const found = await stat(file).catch(() => undefined);
    if (!found) continue;
    const body = await readEntry(file);
    const image = body && decodeState(body);
    if (image) return { at, image };
  }
  return undefined;
}

export async function writeCachedState(key: string, image: ShadowImage): Promise<void> {
  await writeEntry(join(dir(), `state-${key}.bin`), encodeState(image));
}

/**
 * Remove the least recently used replay entries until the cache folder (base images included) fits its
 * limit, then base images if it still does not; and temporary files a killed run left.
 */
async function evict(): Promise<void> {
  const files: { path: string; size: number; used: number }[] = [];
  // Base images count as used now: they go only after every replay entry.
  for (const folder of [cacheDir(), dir()]) {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      const path = join(folder, name);
      const s = await stat(path).catch(() => undefined);
      if (!s?.isFile()) continue;
      if (name.endsWith('.tmp')) {
        if (Date.now() - s.mtimeMs > 3600_000) await rm(path, { force: true });
        continue;
      }
      files.push({ path, size: s.size, used: folder === dir() ? s.mtimeMs : Infinity });
    }
  }
  let total = files.reduce((n, f) => n + f.size, 0);
  for (const f of files.sort((a, b) => a.used - b.used || (a.path < b.path ? -1 : 1))) {
    if (total <= limitBytes()) break;
    await rm(f.path, { force: true });
    total -= f.size;
  }
}
