/**
 * The migration lifecycle in `npm run bench -- lifecycle`, on a real PostgreSQL server, each command in a
 * new process as a user runs it:
 * - trigger.dev's 820 Prisma migrations (../shared/corpus): `pgdrift apply` of all but the newest 10 to
 *   an empty database, then `pgdrift status` and `pgdrift preflight` with those 10 pending;
 * - a fleet of 20 tenant databases: `pgdrift apply` of one 50-statement migration to all of them, one
 *   at a time and 4 at a time, without and with its preflight.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../src/shadow/embedded.js';
import { freshDatabase } from './db.js';
import { fmt, mem, pgdrift, type Run } from './process.js';

const TRIGGER = join('..', 'shared', 'corpus', 'prisma/trigger.dev/internal-packages/database/prisma/migrations');

function timed(label: string, args: string[], ok: number[] = [0]): Run & { label: string } {
  const r = pgdrift(args);
  if (!ok.includes(r.status)) throw new Error(`pgdrift ${args.join(' ')}: ${r.stderr}`);
  return { ...r, label };
}

const row = (r: Run & { label: string }) => `| ${r.label} | ${fmt(r.ms)} | ${mem(r)} |`;

export async function lifecycleSection(server: RunningServer): Promise<string> {
  const rows: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'pgdrift-bench-'));
  try {
    if (existsSync(TRIGGER)) {
      process.stderr.write('lifecycle: trigger.dev…\n');
      const dir = join(work, 'prisma', 'migrations');
      cpSync(TRIGGER, dir, { recursive: true });
      const names = readdirSync(dir).filter((n) => /^\d/.test(n)).sort((a, b) => a.localeCompare(b));
      const newest = names.slice(-10);
      const held = join(work, 'held');
      for (const n of newest) cpSync(join(dir, n), join(held, n), { recursive: true });
      for (const n of newest) rmSync(join(dir, n), { recursive: true });
      const url = await freshDatabase(server, 'bench_lifecycle');
      rows.push(row(timed(`apply ${names.length - 10} migrations to an empty database (no preflight)`, ['apply', dir, url, '--no-preflight'])));
      for (const n of newest) cpSync(join(held, n), join(dir, n), { recursive: true });
      rows.push(row(timed(`status (${names.length} migrations, 10 pending)`, ['status', dir, url], [1])));
      rows.push(row(timed('preflight (the 10 pending, on a shadow copy of the database)', ['preflight', dir, url])));
    }
    process.stderr.write('lifecycle: a fleet of 20…\n');
    const folder = join(work, 'fleet');
    mkdirSync(folder);
    const base = 'create table accounts (id bigint primary key, email text not null);\n';
    writeFileSync(join(folder, '001_base.sql'), base);
    writeFileSync(join(folder, '002_fifty.sql'), Array.from({ length: 25 }, (_, i) => `alter table accounts add column c${i} text;\ncreate index accounts_c${i} on accounts (c${i});`).join('\n') + '\n');
    // Each tenant has the first migration, recorded in pgdrift's history as an apply records it.
    const tenant = `${base}create schema pgdrift;
      create table pgdrift.schema_migrations (name text primary key, checksum text not null, applied_at timestamptz not null default now(), duration_ms integer, applied_by text not null default current_user);
      insert into pgdrift.schema_migrations (name, checksum) values ('001_base.sql', '${createHash('sha256').update(base).digest('hex')}');`;
    const config = join(work, 'pgdrift.config.json');
    const runs: [string, string[]][] = [
      ['one at a time, no preflight', ['--no-preflight']],
      ['4 at a time, no preflight', ['--no-preflight', '--parallel', '4']],
      ['4 at a time, with preflight', ['--parallel', '4']],
    ];
    for (const [label, extra] of runs) {
      // The tenants start from the same state each time.
      const fleet = await Promise.all(Array.from({ length: 20 }, (_, i) => freshDatabase(server, `bench_tenant_${i}`, tenant)));
      writeFileSync(config, JSON.stringify({ sources: { tenants: fleet } }));
      rows.push(row(timed(`apply a 50-statement migration to 20 tenants, ${label}`, ['apply', folder, 'tenants', '--config', config, ...extra])));
    }
    // The same change as a plan file (what pgdrift plan writes), verified against the folder with --to.
    const planFile = join(work, 'plan.sql');
    const fleet = await Promise.all(Array.from({ length: 20 }, (_, i) => freshDatabase(server, `bench_tenant_${i}`, tenant)));
    writeFileSync(config, JSON.stringify({ sources: { tenants: fleet } }));
    timed('plan', ['plan', fleet[0]!, folder, '--out', planFile, '--no-verify']);
    rows.push(row(timed('apply a 50-statement plan file to 20 tenants, 4 at a time, no preflight, verified with --to', ['apply', planFile, 'tenants', '--config', config, '--parallel', '4', '--no-preflight', '--to', folder])));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return `<!-- lifecycle -->
## Status, preflight and apply

On PostgreSQL ${server.version}, each command in a new process. trigger.dev's Prisma migrations are applied to
an empty database (recorded in \`_prisma_migrations\` as Prisma records them), then the newest 10 are put back
as pending. The fleet is 20 databases on the server, each with one table and the first migration recorded;
the second migration adds 25 columns and 25 indexes; the plan file is \`pgdrift plan\` of the same change.

| what | time | peak |
| --- | ---: | ---: |
${rows.join('\n')}
<!-- /lifecycle -->
`;
}
