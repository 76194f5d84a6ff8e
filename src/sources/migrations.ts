/**
 * Finding migration files and their order. Three layouts:
 * - Supabase: `supabase/migrations/<version>_<name>.sql`
 * - Prisma: `prisma/migrations/<version>_<name>/migration.sql`
 * - plain: a folder of `*.sql` files
 * Each layout runs what its owning tool runs, in its order: Prisma sorts migration folder names as
 * strings, with JavaScript's `localeCompare` as its CLI does (so `20240327102407_y` runs before
 * `20241231_x`), and its `migration_lock.toml` must name PostgreSQL; the Supabase CLI runs only
 * `<digits>_<name>.sql` files, in file name order (a `local_…sql` or `seed.sql` beside them is skipped,
 * with a note); plain folders run in version order (the leading digits of the name, as numbers), then
 * by name.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { LocatedError, UserError } from '../errors.js';
import { LineIndex } from './line-index.js';
import { compare } from '../model/normalize.js';

export type MigrationLayout = 'supabase' | 'prisma' | 'plain';

export interface MigrationFile {
  /** Path as shown to the user (relative to the working directory when inside it). */
  path: string;
  /** The file (Supabase, plain) or folder (Prisma) name. */
  name: string;
  /** Leading digits of the name, if any. */
  version?: string;
}

export interface MigrationFolder {
  dir: string;
  layout: MigrationLayout;
  files: MigrationFile[];
  /** Files the owning tool does not run (a Supabase folder's `local_…sql`, `seed.sql`). */
  skipped: MigrationFile[];
}

/** The Supabase CLI runs only files named `<digits>_<name>.sql` directly in supabase/migrations. */
const SUPABASE_MIGRATION = /^([0-9]+)_(.*)\.sql$/;

/** A path as reports show it (and files are read by): relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function versionOf(name: string): string | undefined {
  return /^(\d+)/.exec(name)?.[1];
}

/** Version order: numeric on the leading digits (any width), then by name. */
export function compareMigrations(a: MigrationFile, b: MigrationFile): number {
  if (a.version && b.version && a.version !== b.version) {
    const x = a.version.replace(/^0+/, '');
    const y = b.version.replace(/^0+/, '');
    return x.length - y.length || compare(x, y);
  }
  if (a.version && !b.version) return -1;
  if (!a.version && b.version) return 1;
  return compare(a.name, b.name);
}

function isSupabaseDir(input: string): boolean {
  // Judged on the absolute path, so that `.` inside supabase/migrations is recognized too.
  const dir = resolve(input);
  const parent = dirname(dir);
  return basename(dir) === 'migrations' && (basename(parent) === 'supabase' || existsSync(join(parent, 'config.toml')));
}

export function findMigrations(input: string): MigrationFolder {
  let dir = input;
  // A project folder (`supabase/`, `prisma/`) stands for its migrations folder.
  if (existsSync(join(dir, 'migrations')) && statSync(join(dir, 'migrations')).isDirectory()) dir = join(dir, 'migrations');
  const entries = readdirSync(dir, { withFileTypes: true });
  // A symbolic link counts as what it points to; one that points nowhere counts as a file, whose
  // reading then says so (it is never skipped in silence).
  const target = (e: Dirent) => (e.isSymbolicLink() ? statSync(join(dir, e.name), { throwIfNoEntry: false }) : e);
  const isDir = (e: Dirent) => target(e)?.isDirectory() ?? false;
  const isFile = (e: Dirent) => target(e)?.isFile() ?? true;
  const prisma = entries
    .filter((e) => isDir(e) && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => ({ path: displayPath(join(dir, e.name, 'migration.sql')), name: e.name, version: versionOf(e.name) }));
  const sql = entries
    .filter((e) => isFile(e) && e.name.endsWith('.sql'))
    .map((e) => ({ path: displayPath(join(dir, e.name)), name: e.name, version: versionOf(e.name) }));
  if (prisma.length && sql.length) {
    throw new UserError(`${displayPath(dir)} mixes Prisma migration folders and loose .sql files; point at one layout`);
  }
  if (!prisma.length && !sql.length) {
    throw new UserError(`no migrations in ${displayPath(dir)}: expected *.sql files or <name>/migration.sql folders`);
  }
  if (prisma.length) {
    checkPrismaLock(dir);
    // Prisma's order: folder names compared as strings, exactly as Prisma's CLI compares them.
    return { dir, layout: 'prisma', files: prisma.sort((a, b) => a.name.localeCompare(b.name)), skipped: [] };
  }
  if (isSupabaseDir(dir)) {
    // The Supabase CLI's rules: only <digits>_<name>.sql, in file name order.
    const run = sql.filter((f) => SUPABASE_MIGRATION.test(f.name)).sort((a, b) => compare(a.name, b.name));
    const skipped = sql.filter((f) => !SUPABASE_MIGRATION.test(f.name));
    if (!run.length) throw new UserError(`no migrations in ${displayPath(dir)}: the Supabase CLI runs files named <timestamp>_<name>.sql`);
    return { dir, layout: 'supabase', files: run, skipped };
  }
  return { dir, layout: 'plain', files: sql.sort(compareMigrations), skipped: [] };
}

/** Prisma records the folder's provider in migration_lock.toml; pgdrift replays PostgreSQL folders only. */
function checkPrismaLock(dir: string): void {
  const lock = join(dir, 'migration_lock.toml');
  if (!existsSync(lock)) return;
  const text = readFileSync(lock, 'utf8');
  const match = /^provider\s*=\s*"([^"]*)"/m.exec(text);
  if (match && match[1] !== 'postgresql' && match[1] !== 'postgres') {
    throw new LocatedError({ file: displayPath(lock), ...new LineIndex(text).locate(match.index) }, `these migrations are for provider "${match[1]}"; pgdrift replays PostgreSQL migrations only`);
  }
}
