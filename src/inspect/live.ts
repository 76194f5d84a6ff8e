/**
 * Live connections (node-postgres). Reading a live database happens only inside inspect's read-only
 * transaction; nothing here writes.
 */
import type pg from 'pg';
import { UserError } from '../errors.js';
import type { Schema } from '../model/types.js';
import { pgErrorInfo } from '../shadow/shadow.js';
import { DEFAULT_TIMEOUTS, LOCK_TIMEOUT, STATEMENT_TIMEOUT, timeoutSettings, type Timeouts } from '../sources/timeouts.js';
import { maskPasswords, maskUrl } from '../sources/url.js';
import { readCatalogState, type CatalogState } from './catalog-state.js';
import { inspect } from './inspect.js';
import type { InspectScope } from './scope.js';

/**
 * `sslmode` as libpq (psql, Supabase's connection strings) means it: `require` encrypts without
 * verifying the certificate. node-postgres reads it so only with `uselibpqcompat=true`, and warns
 * on every run without it.
 */
function libpqSemantics(url: string): string {
  if (!/[?&]sslmode=/i.test(url) || /[?&]uselibpqcompat=/i.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}uselibpqcompat=true`;
}

export async function connect(url: string): Promise<pg.Client> {
  let client: pg.Client | undefined;
  try {
    // node-postgres is loaded when a database is reached, not on every command.
    const { default: Pg } = await import('pg');
    client = new Pg.Client({ connectionString: libpqSemantics(url), connectionTimeoutMillis: 10_000, application_name: 'pgdrift' });
    client.on('error', () => undefined);
    await client.connect();
  } catch (e) {
    await client?.end().catch(() => undefined);
    const message = (e as Error).message || String(e);
    const hint = client ? '' : ': is it a valid connection URL (user, password, host, port and database, with special characters in the password percent-encoded)?';
    throw new UserError(`cannot connect to ${maskUrl(url)}: ${maskPasswords(message)}${hint}`);
  }
  return client;
}

export async function withConnection<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What a catalog read says when DDL committed on the database while it ran. */
const CONCURRENT_DDL = /could not open relation with OID|cache lookup failed for|could not find tuple for/;
const ATTEMPTS = 3;
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Inspect a live database: every catalog query bounded by the timeouts, and read again (up to three
 * times) when DDL committed under the read; each way it can fail is told as what it is.
 */
export async function inspectLive(url: string, scope: InspectScope, bounds: Partial<Timeouts> = {}, withCatalog = false): Promise<{ schema: Schema; version: string; catalog?: CatalogState }> {
  const t = { ...DEFAULT_TIMEOUTS, ...bounds };
  return withConnection(url, async (client) => {
    const version = (await client.query("select current_setting('server_version') as v")).rows[0].v as string;
    for (let attempt = 1; ; attempt++) {
      try {
        const schema = await inspect(client, scope, timeoutSettings(t, true));
        return { schema, version, ...(withCatalog ? { catalog: await readCatalogState(client, scope, timeoutSettings(t, true)) } : {}) };
      } catch (e) {
        const { code, message } = pgErrorInfo(e);
        const where = maskUrl(url);
        if (code === LOCK_TIMEOUT) throw new UserError(`inspecting ${where} waited more than ${t.lock} s for a lock another session holds (a migration or VACUUM FULL running?): run again when it is done, or raise --lock-timeout`);
        if (code === INSUFFICIENT_PRIVILEGE) throw new UserError(`the role pgdrift connects to ${where} as cannot read the catalog (${message}): connect as a role that can read the system catalogs`);
        if (code === STATEMENT_TIMEOUT) throw new UserError(`a catalog query on ${where} ran longer than ${t.statement} s: run again when the server is less busy, or raise --statement-timeout`);
        if (!CONCURRENT_DDL.test(message)) throw e;
        if (attempt === ATTEMPTS) throw new UserError(`the schema of ${where} changed while it was read, ${ATTEMPTS} times (DDL committed during the inspection): run again when the migrations are done`);
      }
    }
  });
}
