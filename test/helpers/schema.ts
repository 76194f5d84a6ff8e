/**
 * Inspecting small SQL schemas quickly: one PGlite shadow per test file and mode (plain, or with the
 * Supabase base), reset between schemas: the project's schemas and extensions are dropped, the
 * platform's are kept.
 */
import { createPgliteShadow } from '../../src/shadow/pglite.js';
import type { Shadow } from '../../src/shadow/shadow.js';
import { inspect, PLATFORM_SCHEMAS } from '../../src/inspect/inspect.js';
import type { Schema } from '../../src/model/types.js';

const shadows = new Map<boolean, Promise<{ db: Shadow; baseExtensions: string[] }>>();

function reset(supabase: boolean, keepExtensions: string[]): string {
  const keepSchemas = supabase ? PLATFORM_SCHEMAS : [];
  const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ') || `''`;
  return `
    do $$ declare r record; begin
      for r in select schemaname, tablename, policyname from pg_policies where schemaname in (${list(keepSchemas)}) loop
        execute format('drop policy %I on %I.%I', r.policyname, r.schemaname, r.tablename); end loop;
      for r in select extname from pg_extension where extname <> 'plpgsql' and extname not in (${list(keepExtensions)}) loop
        execute format('drop extension %I cascade', r.extname); end loop;
      for r in select nspname from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema' and nspname not in (${list(keepSchemas)}) loop
        execute format('drop schema %I cascade', r.nspname); end loop;
    end $$;
    create schema public;
    comment on schema public is 'standard public schema';`;
}

export async function inspectSql(sql: string, options: { supabase?: boolean } = {}): Promise<Schema> {
  const supabase = options.supabase ?? false;
  let shadow = shadows.get(supabase);
  if (!shadow) {
    shadow = createPgliteShadow({ supabase, extensions: ['citext', 'pg_trgm', 'pgcrypto', 'btree_gist'] }).then(async (db) => ({
      db,
      baseExtensions: (await db.query('select extname from pg_extension')).rows.map((r) => String(r.extname)),
    }));
    shadows.set(supabase, shadow);
  }
  const { db, baseExtensions } = await shadow;
  await db.exec(reset(supabase, baseExtensions));
  if (supabase) await db.exec('grant usage on schema public to anon, authenticated, service_role');
  await db.exec(sql);
  return inspect(db);
}

export async function closeShadow(): Promise<void> {
  for (const s of shadows.values()) await (await s).db.close();
  shadows.clear();
}
