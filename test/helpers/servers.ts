/**
 * Access to the real servers the test harness started, and throwaway databases on them.
 * Each test gets its own database, so test files can run in parallel.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type ServerName = 'pg15' | 'pg17';

export function serverUrl(name: ServerName): string {
  const url = process.env[name === 'pg15' ? 'PGDRIFT_TEST_PG15_URL' : 'PGDRIFT_TEST_PG17_URL'];
  if (!url) throw new Error(`${name} is not running: run the tests with npm test`);
  return url;
}

export interface TestDatabase {
  url: string;
  client: pg.Client;
  drop(): Promise<void>;
}

/** A fresh database on a test server, with `sql` applied. */
export async function createDatabase(server: ServerName, sql = ''): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: serverUrl(server) });
  await admin.connect();
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl(server));
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  if (sql) await client.query(sql);
  return {
    url: url.toString(),
    client,
    drop: async () => {
      await client.end();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}
