/**
 * The status of a migrations folder against a database's history, as a pure function: which files
 * were applied, which are pending (and which of those are older than the newest applied, so the
 * owning tool will refuse or misorder them), which were edited after they were applied, which were
 * applied but are no longer in the folder, and which failed or were rolled back. The SQL parser must
 * be loaded (loadParser): Supabase's recorded statements are compared by their parse trees.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseSync } from 'libpg-query';
import type { Severity } from '../diff/types.js';
import { compareMigrations, type MigrationFile, type MigrationFolder, type MigrationLayout } from '../sources/migrations.js';
import type { History, HistoryRecord } from './history.js';

export type MigrationState = 'applied' | 'pending' | 'out of order' | 'edited' | 'missing' | 'failed' | 'rolled back';

/** A folder's file with its content, as read from disk. */
export interface FolderMigration extends MigrationFile {
  bytes: Uint8Array;
}

/** The folder's files with their bytes (checksums are of the file as it is on disk). */
export function readFolder(folder: MigrationFolder): FolderMigration[] {
  return folder.files.map((f) => ({ ...f, bytes: readFileSync(f.path) }));
}

export interface StatusEntry {
  kind: 'migration';
  /** The migration as its tool identifies it (Supabase version, Prisma folder name, file name). */
  object: string;
  state: MigrationState;
  severity: Severity;
  message: string;
  file?: string;
  appliedAt?: string;
}

/** What the owning tool runs on its next deploy: what is not applied, a rolled-back or failed one again. */
export const TO_RUN: ReadonlySet<MigrationState> = new Set(['pending', 'out of order', 'rolled back', 'failed']);

/** What needs attention, and how much: an applied migration needs none. */
export const STATE_SEVERITY: Record<MigrationState, Severity> = {
  applied: 'info',
  pending: 'warning',
  'rolled back': 'warning',
  'out of order': 'error',
  edited: 'error',
  missing: 'error',
  failed: 'error',
};

/** What the tool identifies a file by: the Supabase CLI matches on the version alone. */
export function migrationKey(layout: MigrationLayout, file: MigrationFile): string {
  return layout === 'supabase' ? (/^([0-9]+)_/.exec(file.name)?.[1] ?? file.name) : file.name;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/**
 * The checksums a file may have been applied under. Prisma accepts the file with either line ending
 * (a checkout on Windows turns LF into CRLF), and so does pgdrift.
 */
export function checksums(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('utf8');
  const lf = text.replace(/\r\n/g, '\n');
  return [...new Set([sha256(bytes), sha256(lf), sha256(lf.replace(/\n/g, '\r\n'))])];
}

/** A parse tree without positions: two texts that differ only in spacing, comments or semicolons are the same SQL. */
function meaning(sql: string): string | undefined {
  try {
    return JSON.stringify(parseSync(sql).stmts?.map((s) => s.stmt) ?? [], (key, value) => (key === 'location' ? undefined : value));
  } catch {
    return undefined;
  }
}

/**
 * Whether the Supabase statements recorded for a file are the file's SQL. Compared by meaning (the
 * CLI splits and trims statements its own way, and a comment edit changes nothing it runs); what does
 * not parse is compared without its spacing and semicolons.
 */
function sameStatements(recorded: string[], bytes: Uint8Array): boolean {
  const file = Buffer.from(bytes).toString('utf8');
  const joined = recorded.join(';\n');
  const [a, b] = [meaning(joined), meaning(file)];
  if (a !== undefined && b !== undefined) return a === b;
  const bare = (s: string) => s.replace(/[\s;]+/g, '');
  return bare(joined) === bare(file);
}

function edited(history: History, record: HistoryRecord, file: FolderMigration): boolean {
  if (history.tool === 'supabase') return record.statements !== undefined && !sameStatements(record.statements, file.bytes);
  return record.checksum !== undefined && !checksums(file.bytes).includes(record.checksum);
}

/** The order the owning tool runs files in (Prisma: folder names by localeCompare). */
function order(layout: MigrationLayout): (a: MigrationFile, b: MigrationFile) => number {
  return layout === 'prisma' ? (a, b) => a.name.localeCompare(b.name) : compareMigrations;
}

function entry(state: MigrationState, object: string, message: string, extra: { file?: string; appliedAt?: string } = {}): StatusEntry {
  return { kind: 'migration', object, state, severity: STATE_SEVERITY[state], message, ...extra };
}

/** The status of every file of the folder (in its order), then of every record with no file. */
export function migrationStatus(layout: MigrationLayout, files: FolderMigration[], history: History): StatusEntry[] {
  // The last record of a migration decides it (Prisma keeps a row per attempt; a later success outweighs a failure).
  const latest = new Map<string, HistoryRecord>();
  for (const r of history.records) {
    const before = latest.get(r.key);
    if (!before || r.outcome === 'applied' || before.outcome !== 'applied') latest.set(r.key, r);
  }
  const byOrder = order(layout);
  const applied = files.filter((f) => latest.get(migrationKey(layout, f))?.outcome === 'applied');
  const newest = applied.reduce<FolderMigration | undefined>((max, f) => (!max || byOrder(f, max) > 0 ? f : max), undefined);
  const out: StatusEntry[] = [];
  for (const file of files) {
    const key = migrationKey(layout, file);
    const record = latest.get(key);
    const at = { file: file.path, ...(record?.appliedAt ? { appliedAt: record.appliedAt } : {}) };
    if (!record) {
      if (newest && byOrder(file, newest) < 0) out.push(entry('out of order', key, `pending, but older than ${migrationKey(layout, newest)}, which is applied: ${OUT_OF_ORDER[layout]}`, at));
      else out.push(entry('pending', key, 'not applied yet', at));
    } else if (record.outcome === 'failed') {
      out.push(entry('failed', key, `its last attempt failed${record.logs ? `: ${firstLine(record.logs)}` : ''}; ${FAILED[layout]}`, at));
    } else if (record.outcome === 'rolled back') {
      out.push(entry('rolled back', key, 'marked as rolled back: the next deploy runs it again', at));
    } else if (edited(history, record, file)) {
      out.push(entry('edited', key, `changed after it was applied: the database ran another version of this file; ${EDITED[layout]}`, at));
    } else {
      out.push(entry('applied', key, 'applied', at));
    }
  }
  const inFolder = new Set(files.map((f) => migrationKey(layout, f)));
  for (const [key, record] of latest) {
    if (inFolder.has(key) || record.outcome !== 'applied') continue;
    out.push(entry('missing', key, `applied to the database, but not in the folder: restore the file from version control, so that the folder describes the database`, record.appliedAt ? { appliedAt: record.appliedAt } : {}));
  }
  return out;
}

const firstLine = (s: string) => s.trim().split('\n')[0]!.slice(0, 200);

const OUT_OF_ORDER: Record<MigrationLayout, string> = {
  supabase: 'supabase db push refuses it without --include-all, and runs it after the newer ones',
  prisma: 'prisma migrate deploy runs it after the newer ones, and prisma migrate dev asks to reset the database',
  plain: 'it runs after the newer ones; give it a later version if it depends on them',
};
const FAILED: Record<MigrationLayout, string> = {
  supabase: 'fix it and run it again',
  prisma: 'prisma migrate deploy stops here until you fix the database and run prisma migrate resolve --rolled-back (or --applied)',
  plain: 'fix it and run it again',
};
const EDITED: Record<MigrationLayout, string> = {
  supabase: 'put back the applied version and make the change in a new migration',
  prisma: 'prisma migrate dev will ask to reset the database: put back the applied version and make the change in a new migration',
  plain: 'put back the applied version and make the change in a new migration',
};
