/**
 * A stand-in on a server that has no such extension and whose extension directory pgdrift cannot
 * write to: the script runs as ordinary SQL, and the objects it made are then registered as members of
 * an extension of that name (the rows CREATE EXTENSION itself writes to pg_extension and pg_depend).
 * The shadow is a scratch database pgdrift owns and drops, and the server shadow runs as a superuser,
 * so the catalog rows are ours to write. Inspection then sees exactly what it sees on PGlite, where
 * the stand-in is a real extension: the extension, and none of its members.
 */
import type { Queryable } from '../../inspect/inspect.js';
import { quoteIdent } from '../../model/ident.js';
import { installScript, type StandinExtension } from './types.js';

/** Catalogs whose rows an extension script creates and that pg_depend can name as extension members. */
const MEMBER_CATALOGS = ['pg_proc', 'pg_type', 'pg_class', 'pg_operator', 'pg_opclass', 'pg_opfamily', 'pg_am', 'pg_cast', 'pg_namespace', 'pg_foreign_data_wrapper', 'pg_collation', 'pg_ts_config', 'pg_ts_dict'];

const objectsQuery = MEMBER_CATALOGS.map((c) => `select '${c}'::regclass::oid as classid, oid from ${c}`).join(' union all ');

interface Db extends Queryable {
  exec(sql: string): Promise<void>;
}

export async function emulateExtension(db: Db, ext: StandinExtension, schema: string): Promise<void> {
  const key = (r: Record<string, unknown>) => `${r.classid}/${r.oid}`;
  const before = new Set((await db.query(objectsQuery)).rows.map(key));
  if (ext.schema) await db.exec(`create schema if not exists ${quoteIdent(ext.schema)}`);
  const searchPath = (await db.query("select current_setting('search_path') as p")).rows[0]!.p as string;
  await db.exec(`set search_path = ${quoteIdent(schema)}`);
  try {
    await db.exec(installScript(ext).replaceAll('@extschema@', quoteIdent(schema)));
  } finally {
    await db.exec(`set search_path = ${searchPath}`);
  }
  const created = (await db.query(objectsQuery)).rows.filter((r) => !before.has(key(r)));
  const { rows } = await db.query(
    `insert into pg_extension (oid, extname, extowner, extnamespace, extrelocatable, extversion)
     values ((select coalesce(max(oid)::int, 16384) + 1 from pg_extension)::oid, $1, (select oid from pg_roles where rolname = current_user),
             (select oid from pg_namespace where nspname = $2), $3, $4)
     returning oid::int as oid`,
    [ext.name, schema, !ext.ownSchema, ext.version],
  );
  const extension = rows[0]!.oid;
  await db.query(
    `insert into pg_depend (classid, objid, objsubid, refclassid, refobjid, refobjsubid, deptype)
     select c, o, 0, 'pg_extension'::regclass, $1, 0, 'e' from unnest($2::oid[], $3::oid[]) as m(c, o)`,
    [extension, created.map((r) => r.classid), created.map((r) => r.oid)],
  );
}
