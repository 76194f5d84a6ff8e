/**
 * Inspecting small SQL schemas quickly: one PGlite shadow per test file and mode (plain, or with the
 * Supabase base), reset between schemas: the project's schemas and extensions are dropped, the
 * platform's are kept.
 */
import { createPgliteShadow } from '../../src/shadow/pglite.js';
import type { Shadow } from '../../src/shadow/shadow.js';
import { inspect } from '../../src/inspect/inspect.js';
import { PLATFORM_SCHEMAS } from '../../src/inspect/scope.js';
import type { Schema } from '../../src/model/types.js';

const shadows = new Map<boolean, Promise<{ db: Shadow; baseExtensions: string[]; restorePublic: string }>>();

/**
 * SQL that gives a re-created public schema what the fresh one had: its owner, its grants, and the
 * default privileges in it (the Supabase base grants the API roles everything created there).
 */
const PUBLIC_SCHEMA_SQL = `
  select string_agg(stmt, E'\n' order by ord, stmt) as sql from (
    select 0 as ord, format('alter schema public owner to %I;', pg_get_userbyid(n.nspowner)) as stmt
    from pg_namespace n where n.nspname = 'public'
    union all
    select 1, format('grant %s on schema public to %s%s;', e.privilege_type,
      case when e.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(e.grantee)) end,
      case when e.is_grantable then ' with grant option' else '' end)
    from pg_namespace n, aclexplode(n.nspacl) e where n.nspname = 'public' and e.grantee <> n.nspowner
    union all
    select 2, format('alter default privileges for role %I in schema public grant %s on %s to %s%s;', pg_get_userbyid(d.defaclrole),
      e.privilege_type, case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences' when 'f' then 'functions' else 'types' end,
      case when e.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(e.grantee)) end,
      case when e.is_grantable then ' with grant option' else '' end)
    from pg_default_acl d join pg_namespace n on n.oid = d.defaclnamespace, aclexplode(d.defaclacl) e where n.nspname = 'public'
  ) s`;

function reset(supabase: boolean, keepExtensions: string[], restorePublic: string): string {
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
    ${restorePublic}
    comment on schema public is 'standard public schema';`;
}

export async function inspectSql(sql: string, options: { supabase?: boolean } = {}): Promise<Schema> {
  const supabase = options.supabase ?? false;
  let shadow = shadows.get(supabase);
  if (!shadow) {
    shadow = createPgliteShadow({ supabase, extensions: ['citext', 'pg_trgm', 'pgcrypto', 'btree_gist'] }).then(async (db) => ({
      db,
      baseExtensions: (await db.query('select extname from pg_extension')).rows.map((r) => String(r.extname)),
      restorePublic: String((await db.query(PUBLIC_SCHEMA_SQL)).rows[0]!.sql),
    }));
    shadows.set(supabase, shadow);
  }
  const { db, baseExtensions, restorePublic } = await shadow;
  await db.exec(reset(supabase, baseExtensions, restorePublic));
  await db.exec(sql);
  return inspect(db);
}

export async function closeShadow(): Promise<void> {
  for (const s of shadows.values()) await (await s).db.close();
  shadows.clear();
}
