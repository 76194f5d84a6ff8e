/** "Did you mean": the closest existing name of the same kind as a name a statement did not find. */
import { quoteLiteral } from '../model/ident.js';
import { PLATFORM_SCHEMAS } from '../inspect/scope.js';
import { nameSimilarity } from '../diff/renames.js';
import type { Shadow } from '../shadow/shadow.js';
import type { SqlStatement } from '../sources/sql.js';
import { targetTable } from './ast.js';

/** The catalog query listing names of the kind the error is about, with its parameters. */
function candidates(failure: { message: string; code?: string }, stmt: SqlStatement, missing: string): { sql: string; params: unknown[] } | undefined {
  // The platform's names (storage.buckets, auth.users) are offered only for a name qualified with its schema.
  const qualifier = missing.includes('.') ? missing.split('.')[0]! : undefined;
  const platform = PLATFORM_SCHEMAS.filter((x) => x !== qualifier).map(quoteLiteral).join(', ');
  const user = `n.nspname !~ '^pg_' and n.nspname <> 'information_schema' and n.nspname not in (${platform})`;
  const relations = (kinds: string) => ({ sql: `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in (${kinds}) and ${user}`, params: [] });
  const kind = /^(\w+) "/.exec(failure.message)?.[1];
  switch (failure.code) {
    case '42P01':
      return relations(`'r','p','v','m','f'`);
    case '42703': {
      const rel = /of relation "([^"]+)"/.exec(failure.message)?.[1] ?? targetTable(stmt)?.relname;
      return {
        sql: `select a.attname as name from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
              where a.attnum > 0 and not a.attisdropped and ${user} and ($1::text is null or c.relname = $1)`,
        params: [rel ?? null],
      };
    }
    case '42883':
      return { sql: `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${user} or n.nspname = 'pg_catalog'`, params: [] };
    case '42704':
      if (kind === 'index') return relations(`'i','I'`);
      if (kind === 'constraint') {
        const rel = /of relation "([^"]+)"/.exec(failure.message)?.[1] ?? null;
        return { sql: `select k.conname as name from pg_constraint k join pg_namespace n on n.oid = k.connamespace left join pg_class c on c.oid = k.conrelid where ${user} and ($1::text is null or c.relname = $1)`, params: [rel] };
      }
      // Types a user writes: not the array and row types PostgreSQL makes for every type and table, nor its internal ones (aclitem).
      if (kind === 'type')
        return {
          sql: `select t.typname as name from pg_type t join pg_namespace n on n.oid = t.typnamespace left join pg_class c on c.oid = t.typrelid
                where t.typcategory <> 'A' and (t.typrelid = 0 or c.relkind = 'c')
                and (${user} or n.nspname = 'pg_catalog' and (t.typcategory in ('B','D','N','S','T','V','G','I','R') or t.typname in ('uuid','json','jsonb','xml','bytea')))`,
          params: [],
        };
      return undefined;
    default:
      return undefined;
  }
}

export async function suggest(shadow: Shadow, failure: { message: string; code?: string }, stmt: SqlStatement): Promise<string | undefined> {
  const missing = /"([^"]+)"/.exec(failure.message)?.[1];
  if (!missing) return undefined;
  const query = candidates(failure, stmt, missing);
  if (!query) return undefined;
  const names = (await shadow.query(query.sql, query.params)).rows.map((r) => String(r.name));
  const name = missing.split('.').pop()!.replace(/\(.*$/, '');
  let best: string | undefined;
  let score = 0.5;
  for (const n of new Set(names)) {
    const s = nameSimilarity(name, n);
    if (n !== name && s > score) [best, score] = [n, s];
  }
  return best;
}
