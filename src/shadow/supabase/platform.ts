/**
 * Supabase's own platform, as its owners publish it (vendor/supabase-platform, copied unchanged from
 * Supabase's repositories with their licenses): the Postgres image's init scripts and migrations, then
 * the Auth and Storage services' migrations, in the order a project database receives them. Each phase
 * runs as the role that runs it on Supabase, with that service's search_path, so objects get the owners
 * and schemas they have there.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlFile } from '../../sources/replay.js';

export const PLATFORM_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'vendor', 'supabase-platform');

export interface PlatformPhase {
  name: string;
  /** The role the phase's scripts run as. */
  role: string;
  searchPath: string;
  /** Run first, as the shadow's superuser, where a script assumes what a shadow differs in. */
  before?: SqlFile;
  files: SqlFile[];
}

/**
 * Storage's first migration installs roles unless \`storage.install_roles\` is off: it grants the API
 * roles and \`postgres\` to authenticator as supabase_storage_admin, which a Supabase database already
 * has the other way round (postgres is a member of authenticator, so the grant would be circular) and
 * which PG 16+ refuses without ADMIN OPTION. The switch is turned off, as on a Supabase database where
 * the roles exist, and the schema grants and default privileges the block also makes are made here.
 */
const STORAGE_ROLES = {
  path: 'pgdrift/storage-install-roles.sql',
  text: `grant usage on schema storage to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage grant all on sequences to postgres, anon, authenticated, service_role;
set storage.install_roles = 'false';`,
};

/** Contrib extensions the image creates (the rest of its extensions are stand-ins). */
export const PLATFORM_CONTRIB = ['pgcrypto', 'pg_stat_statements', 'uuid-ossp'];

/**
 * Roles the image has before its scripts run: `supabase_admin` is made by initdb on Supabase's image,
 * `pgbouncer` by its build, the pgsodium roles by the pgsodium extension.
 */
export const PRECREATED_ROLES = ['supabase_admin', 'pgbouncer', 'pgsodium_keyiduser', 'pgsodium_keyholder', 'pgsodium_keymaker'];

/** GoTrue writes its schema name as a template parameter. */
const NAMESPACE = /\{\{ ?index \.Options "Namespace" ?\}\}/g;

function readPhase(folder: string, transform: (text: string) => string): SqlFile[] {
  const dir = join(PLATFORM_DIR, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ path: `supabase-platform/${folder}/${f}`, text: transform(readFileSync(join(dir, f), 'utf8')) }));
}

/** dbmate files hold both directions; only `-- migrate:up` runs. */
const upOnly = (text: string) => text.split(/^-- migrate:down/m)[0]!;

/**
 * Objects of the image that its build makes outside these scripts, taken from Supabase's schema dump
 * of the image (`schema-15.sql`): the pgbouncer schema with its auth function, and pg_stat_statements.
 */
function imageExtras(): SqlFile {
  const path = 'supabase-platform/postgres/schema-15.sql';
  const dump = readFileSync(join(PLATFORM_DIR, 'postgres', 'schema-15.sql'), 'utf8');
  const wanted = [/^CREATE SCHEMA pgbouncer;$/m, /^CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA extensions;$/m, /^CREATE FUNCTION pgbouncer\.get_auth\([\s\S]*?^\$\$;$/m];
  return { path, text: wanted.map((re) => re.exec(dump)?.[0] ?? '').join('\n\n') };
}

let phases: PlatformPhase[] | undefined;
export function platformPhases(): PlatformPhase[] {
  phases ??= [
    { name: 'image init scripts', role: 'postgres', searchPath: 'public', files: readPhase('postgres/init-scripts', upOnly) },
    { name: 'image migrations', role: 'supabase_admin', searchPath: 'public, extensions', files: [...readPhase('postgres/migrations', upOnly), imageExtras()] },
    { name: 'auth', role: 'supabase_auth_admin', searchPath: 'auth', files: readPhase('auth/migrations', (t) => t.replace(NAMESPACE, 'auth')) },
    { name: 'storage', role: 'supabase_storage_admin', searchPath: 'storage', before: STORAGE_ROLES, files: readPhase('storage/tenant', (t) => t) },
  ];
  return phases;
}

/** A hash of every platform script: part of the base image's cache key. */
export function platformFingerprint(): string {
  const hash = createHash('sha256');
  for (const p of platformPhases()) for (const f of [...(p.before ? [p.before] : []), ...p.files]) hash.update(`${p.role}\n${f.path}\n${f.text}\n`);
  return hash.digest('hex');
}
