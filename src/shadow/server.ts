/**
 * A shadow on a real Postgres server: a scratch database created on the server the user named
 * (`--shadow postgres://…`, a superuser: the Supabase base creates roles and event triggers), used,
 * and dropped. Roles are the server's, not the database's: the shadow notes every role that appears
 * while the base, a stand-in or a migration runs a statement that may create one, drops them all when
 * it closes, and never alters a role that was there before (see replay). So that no other pgdrift
 * run's roles are taken for its own, one server shadow at a time runs per server database (an
 * advisory lock). Extensions the server lacks get pgdrift's stand-ins.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { connect } from '../inspect/live.js';
import { quoteIdent } from '../model/ident.js';
import { buildSupabaseBase } from './supabase/base.js';
import { STANDINS, VECTOR_ACCESS_METHODS } from './standins/index.js';
import { emulateExtension } from './standins/emulate.js';
import { createRolesSql, roleNames, type ExtensionRequest, type Shadow, type ShadowOptions } from './shadow.js';
import { maskUrl } from '../sources/url.js';
import { UserError } from '../errors.js';
import { releaseOnInterrupt } from './interrupt.js';
import { timeoutSettings } from '../sources/timeouts.js';

/** Statements that may create a role (directly, in a DO block, or in an extension script). */
const MAY_CREATE_ROLE = /\b(role|user|group|do|extension)\b/i;

class ServerShadow implements Shadow {
  readonly standinAccessMethods: ReadonlySet<string>;
  /** Roles this shadow created, in creation order. */
  private readonly created: string[] = [];
  /** Statements that may create a role are running (a stand-in's inside its CREATE EXTENSION): if the run is interrupted, their roles are noted at close. */
  private creating = 0;
  constructor(
    private readonly client: pg.Client,
    private readonly admin: pg.Client,
    private readonly database: string,
    private readonly available: Set<string>,
    readonly preexistingRoles: ReadonlySet<string>,
    readonly engine: string,
    readonly supabase: boolean,
    private readonly onClose: (() => Promise<void>) | undefined,
    private readonly unregister: () => void,
  ) {
    this.standinAccessMethods = new Set(available.has('vector') ? [] : VECTOR_ACCESS_METHODS);
  }
  async query(sql: string, params?: unknown[]) {
    const r = await this.client.query(sql, params as unknown[]);
    return { rows: r.rows as Record<string, unknown>[] };
  }
  async exec(sql: string): Promise<void> {
    if (MAY_CREATE_ROLE.test(sql)) await this.notingRoles(() => this.client.query(sql));
    else await this.client.query(sql);
  }
  /** Run what may create roles, then note them (if the run is cut short, close notes them instead). */
  private async notingRoles(run: () => Promise<unknown>): Promise<void> {
    this.creating++;
    try {
      await run();
    } finally {
      await this.noteNewRoles(this.client);
      this.creating--;
    }
  }
  private async noteNewRoles(db: pg.Client): Promise<void> {
    for (const role of await roleNames(db)) {
      if (!this.preexistingRoles.has(role) && !this.created.includes(role)) this.created.push(role);
    }
  }
  hasExtension(name: string): boolean {
    return this.available.has(name) || STANDINS.has(name);
  }
  async createExtension(request: ExtensionRequest, sql: string): Promise<void> {
    const standin = STANDINS.get(request.name);
    if (this.available.has(request.name) || !standin) return this.exec(sql);
    const { rows } = await this.client.query('select 1 from pg_extension where extname = $1', [request.name]);
    if (rows.length) {
      if (request.ifNotExists) return;
      throw new Error(`extension "${request.name}" already exists`);
    }
    const schema = request.schema ?? standin.schema ?? String((await this.query('select current_schema() as s')).rows[0]!.s);
    await this.notingRoles(() => emulateExtension(this, standin, schema));
  }
  /** Roles the shadow made cannot log in: the server is the user's, and so are its connections. */
  async disableLogins(): Promise<void> {
    for (const role of this.created) await this.client.query(`alter role ${quoteIdent(role)} nologin`);
  }
  async close(): Promise<void> {
    this.unregister();
    await this.client.end().catch(() => undefined);
    await this.admin.query(`drop database if exists ${quoteIdent(this.database)} with (force)`).catch(() => undefined);
    if (this.creating > 0) await this.noteNewRoles(this.admin).catch(() => undefined);
    // Newest first: a role created later may be a member of an earlier one.
    for (const role of [...this.created].reverse()) await this.admin.query(`drop role if exists ${quoteIdent(role)}`).catch(() => undefined);
    await this.admin.end().catch(() => undefined);
    await this.onClose?.();
  }
}

export async function createServerShadow(url: string, options: ShadowOptions, onClose?: () => Promise<void>): Promise<Shadow> {
  const admin = await connect(url);
  // Held until `admin` ends: another run's roles are never this run's.
  const { rows: [lock] } = await admin.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtext('pgdrift shadow')) as ok");
  if (!lock?.ok) {
    process.stderr.write(`pgdrift: waiting for another pgdrift shadow on ${maskUrl(url)} to finish\n`);
    await admin.query("select pg_advisory_lock(hashtext('pgdrift shadow'))");
  }
  const database = `pgdrift_shadow_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`create database ${quoteIdent(database)}`);
  } catch (e) {
    await admin.end().catch(() => undefined);
    throw new UserError(`cannot create a shadow database on ${maskUrl(url)}: ${(e as Error).message}`);
  }
  // Until the shadow exists, an interrupt drops the scratch database; then the shadow closes itself.
  let shadow: ServerShadow | undefined;
  const dropScratch = async () => {
    await admin.query(`drop database if exists ${quoteIdent(database)} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  };
  const unregister = releaseOnInterrupt(() => (shadow ? shadow.close() : dropScratch()));
  try {
    const target = new URL(url);
    target.pathname = `/${database}`;
    const client = await connect(target.toString());
    const { rows } = await client.query<{ name: string }>('select name from pg_available_extensions');
    const version = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
    const preexisting = new Set(await roleNames(client));
    shadow = new ServerShadow(client, admin, database, new Set(rows.map((r) => r.name)), preexisting, `PostgreSQL ${version}`, options.supabase, onClose, unregister);
  } catch (e) {
    unregister();
    await dropScratch();
    throw e;
  }
  try {
    if (options.supabase) {
      await buildSupabaseBase(shadow);
      await shadow.disableLogins();
      await shadow.exec('set search_path = "$user", public, extensions');
    }
    if (options.roles?.length) await shadow.exec(createRolesSql(options.roles));
    if (options.statementTimeout !== undefined) await shadow.exec(timeoutSettings({ statement: options.statementTimeout }).join('; '));
  } catch (e) {
    await shadow.close();
    throw e;
  }
  return shadow;
}
