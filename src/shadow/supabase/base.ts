/**
 * Building the Supabase base in a shadow: Supabase's own platform scripts (see platform.ts), statement
 * by statement, each phase as its own role, then what the platform's other services (Realtime, Database
 * Webhooks) create and the reference does not hold. Everything here lives in platform schemas, which
 * the model leaves out, so none of it shows up as the project's own schema.
 */
import type { SqlFile } from '../../sources/replay.js';
import type { Shadow } from '../shadow.js';
import { platformFingerprint, platformPhases, PRECREATED_ROLES } from './platform.js';

/**
 * Extensions the image creates only where the server offers them (its scripts look in
 * pg_available_extensions first). A server shadow lists no stand-ins there, so they are made after.
 */
const OPTIONAL_IMAGE_EXTENSIONS = ['pgsodium', 'supabase_vault', 'pg_graphql'];


export async function buildSupabaseBase(shadow: Shadow): Promise<void> {
  for (const role of PRECREATED_ROLES) await shadow.exec(createRoleIfMissing(role));
  for (const phase of platformPhases()) {
    if (phase.before) await runFile(shadow, phase.before);
    await shadow.exec(`set role ${phase.role}; set search_path = ${phase.searchPath}`);
    for (const file of phase.files) await runFile(shadow, file);
    await shadow.exec('reset role');
  }
  for (const name of OPTIONAL_IMAGE_EXTENSIONS) {
    await shadow.createExtension({ name, ifNotExists: true }, `create extension if not exists ${name}`);
  }
  await shadow.exec(SERVICES_SQL);
  await shadow.exec(OTHER_MAJOR_SQL);
  // Supabase sets this search_path on the postgres role, which no shadow alters (see replay); the
  // shadow's own database gets it instead, so that a dump's RESET ALL returns to it.
  await shadow.exec(SEARCH_PATH_SQL);
}

const SEARCH_PATH_SQL = `do $pgdrift$ begin execute format('alter database %I set search_path = "$user", public, extensions', current_database()); end $pgdrift$`;

/**
 * Signatures that Supabase's other image major has and this server lacks, so that a dump taken on one
 * major replays on a shadow of another: pg_stat_statements_reset(oid, oid, bigint) is PG 15's (PG 17
 * added a fourth argument), and \`supabase db pull\` dumps grant on it.
 */
const OTHER_MAJOR_SQL = `
do $pgdrift$ begin
  if to_regprocedure('extensions.pg_stat_statements_reset(oid, oid, bigint)') is null then
    create function extensions.pg_stat_statements_reset(userid oid, dbid oid, queryid bigint) returns void
      language sql as 'select';
  end if;
end $pgdrift$;
`;

async function runFile(shadow: Shadow, file: SqlFile): Promise<void> {
  // The parser and replay load only to build the base (once, then it is cached): a PGlite thread starts sooner without them.
  const [{ loadParser, splitStatements }, { runStatement }] = await Promise.all([import('../../sources/sql.js'), import('../../sources/replay.js')]);
  await loadParser();
  for (const stmt of splitStatements(file.path, file.text)) {
    const error = await runStatement(shadow, stmt);
    if (error) throw new Error(`the Supabase platform does not build here (${shadow.engine}): ${file.path}:${stmt.line}: ${error.message}`);
  }
}

function createRoleIfMissing(role: string): string {
  return `do $pgdrift$ begin create role "${role}" nologin; exception when duplicate_object then null; end $pgdrift$;`;
}

/**
 * The schema a project database gets from Supabase services whose migrations the reference does not
 * hold: Realtime's `realtime.messages` (Realtime Authorization policies are written on it) with
 * `realtime.topic()`, and the trigger function behind Database Webhooks.
 */
const SERVICES_SQL = `
set role supabase_admin;
create table realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone not null default now(),
  inserted_at timestamp without time zone not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
) partition by range (inserted_at);
alter table realtime.messages enable row level security;
create function realtime.topic() returns text language sql stable as $f$
  select nullif(current_setting('realtime.topic', true), '')::text
$f$;
create function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
  language plpgsql as $f$ begin null; end $f$;
create function realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text,
  table_schema text, new record, old record, level text default 'ROW') returns void
  language plpgsql as $f$ begin null; end $f$;
grant usage on schema realtime to anon, authenticated, service_role;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;
create schema if not exists supabase_functions;
create function supabase_functions.http_request() returns trigger language plpgsql as $f$
begin
  return new;
end
$f$;
reset role;
`;

/** Everything the base is built from, for cache keys. */
export function supabaseBaseFingerprint(): string {
  return `${platformFingerprint()}\n${SERVICES_SQL}\n${OTHER_MAJOR_SQL}\n${SEARCH_PATH_SQL}`;
}
