/**
 * A shadow on a real Postgres server: a scratch database created on the server the user named
 * (`--shadow postgres://…`, which must allow CREATE DATABASE), used, and dropped.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { connect } from '../inspect/live.js';
import { quoteIdent } from '../model/ident.js';
import { supabaseBaseSql } from './supabase.js';
import { createRolesSql, type Shadow, type ShadowOptions } from './shadow.js';
import { maskUrl } from '../sources/url.js';
import { UserError } from '../errors.js';

class ServerShadow implements Shadow {
  readonly standinAccessMethods = new Set<string>();
  constructor(
    private readonly client: pg.Client,
    private readonly admin: pg.Client,
    private readonly database: string,
    private readonly available: Set<string>,
    readonly engine: string,
    private readonly onClose?: () => Promise<void>,
  ) {}
  async query(sql: string, params?: unknown[]) {
    const r = await this.client.query(sql, params as unknown[]);
    return { rows: r.rows as Record<string, unknown>[] };
  }
  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
  hasExtension(name: string): boolean {
    return this.available.has(name);
  }
  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
    await this.admin.query(`drop database if exists ${quoteIdent(this.database)} with (force)`).catch(() => undefined);
    await this.admin.end().catch(() => undefined);
    await this.onClose?.();
  }
}

export async function createServerShadow(url: string, options: ShadowOptions, onClose?: () => Promise<void>): Promise<Shadow> {
  const admin = await connect(url);
  const database = `pgdrift_shadow_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`create database ${quoteIdent(database)}`);
  } catch (e) {
    await admin.end().catch(() => undefined);
    throw new UserError(`cannot create a shadow database on ${maskUrl(url)}: ${(e as Error).message}`);
  }
  const target = new URL(url);
  target.pathname = `/${database}`;
  const client = await connect(target.toString());
  const { rows } = await client.query<{ name: string }>('select name from pg_available_extensions');
  const version = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
  const shadow = new ServerShadow(client, admin, database, new Set(rows.map((r) => r.name)), `PostgreSQL ${version}`, onClose);
  if (options.supabase) {
    try {
      await shadow.exec(supabaseBaseSql());
    } catch (e) {
      await shadow.close();
      throw new UserError(`cannot create the Supabase base objects on the shadow server: ${(e as Error).message}`);
    }
  }
  if (options.roles?.length) await shadow.exec(createRolesSql(options.roles));
  return shadow;
}
