/** Helpers of the report tests: a large schema to draw, and the system's Chromium to draw it in. */
import { existsSync } from 'node:fs';

const SCHEMAS = ['public', 'billing', 'analytics'];

/**
 * `n` tables over three schemas, each with 3 to 8 columns and a foreign key to an earlier table
 * picked at random (every third one a second, often to another schema): early tables end up
 * referenced by many, as users and organizations are in a large application's schema.
 */
export function syntheticSchemaSql(n: number): string {
  // A fixed pseudo-random sequence (a linear congruential generator): the same schema every run.
  let seed = 42;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % below;
  };
  const out = SCHEMAS.slice(1).map((s) => `create schema ${s};`);
  for (let i = 0; i < n; i++) {
    const cols = ['id bigint primary key', 'name text not null', 'created_at timestamptz not null default now()'];
    for (let c = 0; c < i % 6; c++) cols.push(`attr_${c} ${c % 2 ? 'integer' : 'text'}`);
    const ref = (p: number, as: string) => cols.push(`${as}_${p} bigint references ${SCHEMAS[p % 3]}.table_${p}(id)`);
    if (i > 0) ref(random(i), 'parent');
    if (i > 10 && i % 3 === 0) ref(random(i), 'other');
    out.push(`create table ${SCHEMAS[i % 3]}.table_${i} (${cols.join(', ')});`);
  }
  return out.join('\n') + '\n';
}

/** Debian's Chromium (apt-get install chromium), or the one PGDRIFT_CHROMIUM names. */
export function findChromium(): string | undefined {
  return [process.env.PGDRIFT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && existsSync(p)));
}

/** Flags for headless Chromium on a closed network, as root: no sandbox, no background connections. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'];
