/**
 * Live connections (node-postgres). Reading a live database happens only inside inspect's read-only
 * transaction; nothing here writes.
 */
import pg from 'pg';
import { UserError } from '../errors.js';
import { maskPasswords, maskUrl } from '../sources/url.js';

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'pgdrift' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new UserError(`cannot connect to ${maskUrl(url)}: ${maskPasswords((e as Error).message || String(e))}`);
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
