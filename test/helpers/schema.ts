/**
 * Inspecting small SQL schemas quickly: one PGlite shadow per test file, reset between schemas
 * (every user schema and extension dropped, public recreated).
 */
import { createPgliteShadow } from '../../src/shadow/pglite.js';
import type { Shadow } from '../../src/shadow/shadow.js';
import { inspect } from '../../src/inspect/inspect.js';
import type { Schema } from '../../src/model/types.js';

let shadow: Promise<Shadow> | undefined;

export async function inspectSql(sql: string): Promise<Schema> {
  shadow ??= createPgliteShadow({ supabase: false, extensions: ['citext', 'pg_trgm'] });
  const db = await shadow;
  await db.exec(`
    do $$ declare r record; begin
      for r in select extname from pg_extension where extname <> 'plpgsql' loop execute format('drop extension %I cascade', r.extname); end loop;
      for r in select nspname from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema' loop
        execute format('drop schema %I cascade', r.nspname); end loop;
    end $$;
    create schema public;`);
  await db.exec(sql);
  return inspect(db);
}

export async function closeShadow(): Promise<void> {
  if (shadow) await (await shadow).close();
  shadow = undefined;
}
