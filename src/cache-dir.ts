/** pgdrift's cache folder (base images, the replay cache): PGDRIFT_CACHE_DIR, else XDG's cache home, else ~/.cache. */
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export function cacheDir(): string {
  if (process.env.PGDRIFT_CACHE_DIR) return process.env.PGDRIFT_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'pgdrift');
}
