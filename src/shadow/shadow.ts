/**
 * A shadow database: a scratch Postgres that migrations are replayed into and then inspected.
 * PGlite (in-process, nothing to install) by default; a real server when asked.
 */
import type { Queryable } from '../inspect/inspect.js';
import { dollarQuote, quoteIdent } from '../model/ident.js';

export interface ShadowOptions {
  /** Create what a Supabase database provides before the first migration. */
  supabase: boolean;
  /** Extensions the migrations create, so the shadow can load or stand in for them up front. */
  extensions: string[];
  /** Roles to create before replay: ones the migrations grant to or name in policies but never create. */
  roles?: string[];
  /** Seconds a statement may run; none when unset. */
  statementTimeout?: number;
  /** Start from this saved state (a replay cache entry) instead of the base image (PGlite only). */
  image?: ShadowImage;
  /** About how many statements the shadow will run, when known (PGlite compiles for short work below a few thousand). */
  statements?: number;
}

/** A PGlite shadow's saved state: its data directory, and the settings its session had changed. */
export interface ShadowImage {
  /** The data directory, as shadow/data-dir.ts packs it. */
  dataDir: Uint8Array;
  /** `[name, value]` of each setting whose source is the session (a migration's SET search_path). */
  settings: [string, string][];
  /** The extensions created in it (their PGlite bundles must be loaded again with it). */
  extensions: string[];
}

/** Statements creating roles that may already exist (roles belong to the whole server). */
export function createRolesSql(roles: string[]): string {
  return roles
    .map((r) => `do ${dollarQuote(` begin create role ${quoteIdent(r)} nologin; exception when duplicate_object then null; end `)};`)
    .join('\n');
}

/** What CREATE EXTENSION asks for. */
export interface ExtensionRequest {
  name: string;
  schema?: string;
  ifNotExists: boolean;
}

/** Names of the server's roles. */
export async function roleNames(db: Queryable): Promise<string[]> {
  const { rows } = await db.query("select rolname from pg_roles where rolname !~ '^pg_'");
  return rows.map((r) => String(r.rolname));
}

export interface Shadow extends Queryable {
  /** Human name of the engine, e.g. `PGlite 0.5.16 (PostgreSQL 18.6)`. */
  readonly engine: string;
  /** It holds the Supabase base (see shadow/supabase). */
  readonly supabase: boolean;
  /** Run one statement (or several, without parameters). */
  exec(sql: string): Promise<void>;
  /** Whether CREATE EXTENSION of this name can succeed here (real or stand-in). */
  hasExtension(name: string): boolean;
  /** Stand-in access methods whose index options must be set aside (see replay). */
  readonly standinAccessMethods: ReadonlySet<string>;
  /**
   * Roles that were on the server before the shadow was made. They belong to the whole server, not to
   * the scratch database, so the shadow never alters them (see replay).
   */
  readonly preexistingRoles: ReadonlySet<string>;
  /**
   * Run statements one by one, stopping at the first that fails (its index and error), in one call:
   * where a call is a round trip (PGlite's thread), a batch saves one per statement.
   */
  execEach?(sqls: string[]): Promise<{ index: number; error: PgErrorInfo } | undefined>;
  /** Run a CREATE EXTENSION statement: the real extension where the engine has it, else its stand-in. */
  createExtension(request: ExtensionRequest, sql: string): Promise<void>;
  /** Save the state to start another shadow from (PGlite); undefined inside an open transaction, which a saved state cannot hold. */
  dump?(): Promise<ShadowImage | undefined>;
  close(): Promise<void>;
}

/** Turn a driver error into a plain object with Postgres' fields. */
export interface PgErrorInfo {
  message: string;
  code?: string;
  position?: number;
  hint?: string;
  detail?: string;
}

export function pgErrorInfo(e: unknown): PgErrorInfo {
  const err = e as { message?: string; code?: string; position?: string | number; hint?: string; detail?: string };
  const position = err.position === undefined ? undefined : Number(err.position);
  return {
    message: err.message ?? String(e),
    code: err.code,
    position: Number.isFinite(position) ? position : undefined,
    hint: err.hint,
    detail: err.detail,
  };
}
