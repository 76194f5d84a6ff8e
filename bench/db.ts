/** A fresh database on a bench server (dropped first if a run left it), with `sql` run in it; its URL. */
import pg from 'pg';
import type { RunningServer } from '../src/shadow/embedded.js';

export async function freshDatabase(server: RunningServer, name: string, sql = ''): Promise<string> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  if (sql.trim()) {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
  return url.toString();
}
