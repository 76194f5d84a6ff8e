/**
 * Stand-ins for the Supabase platform extensions that migrations and Supabase's own platform scripts
 * call into: pg_net, pg_cron, pg_graphql, pgjwt, pg_jsonschema, pg_hashids, supabase_vault, pgsodium and
 * wrappers.
 */
import type { StandinExtension } from './types.js';

export const pg_net: StandinExtension = {
  name: 'pg_net',
  version: '0.14.0',
  ownSchema: 'net',
  script: `
CREATE FUNCTION net.http_get(url text, params jsonb DEFAULT '{}', headers jsonb DEFAULT '{}', timeout_milliseconds integer DEFAULT 5000)
  RETURNS bigint LANGUAGE sql AS 'SELECT 0::bigint';
CREATE FUNCTION net.http_post(url text, body jsonb DEFAULT '{}', params jsonb DEFAULT '{}', headers jsonb DEFAULT '{"Content-Type": "application/json"}', timeout_milliseconds integer DEFAULT 5000)
  RETURNS bigint LANGUAGE sql AS 'SELECT 0::bigint';
CREATE FUNCTION net.http_delete(url text, params jsonb DEFAULT '{}', headers jsonb DEFAULT '{}', timeout_milliseconds integer DEFAULT 5000)
  RETURNS bigint LANGUAGE sql AS 'SELECT 0::bigint';
`,
};

export const pg_cron: StandinExtension = {
  name: 'pg_cron',
  version: '1.6',
  ownSchema: 'cron',
  script: `
CREATE TABLE cron.job (jobid bigserial PRIMARY KEY, schedule text NOT NULL, command text NOT NULL, nodename text NOT NULL DEFAULT 'localhost',
  nodeport integer NOT NULL DEFAULT 5432, database text NOT NULL DEFAULT current_database(), username text NOT NULL DEFAULT current_user,
  active boolean NOT NULL DEFAULT true, jobname text);
CREATE TABLE cron.job_run_details (jobid bigint, runid bigserial PRIMARY KEY, job_pid integer, database text, username text, command text,
  status text, return_message text, start_time timestamptz, end_time timestamptz);
CREATE FUNCTION cron.schedule(schedule text, command text) RETURNS bigint LANGUAGE sql
  AS 'INSERT INTO cron.job (schedule, command) VALUES ($1, $2) RETURNING jobid';
CREATE FUNCTION cron.schedule(job_name text, schedule text, command text) RETURNS bigint LANGUAGE sql
  AS 'INSERT INTO cron.job (jobname, schedule, command) VALUES ($1, $2, $3) RETURNING jobid';
CREATE FUNCTION cron.schedule_in_database(job_name text, schedule text, command text, database text, username text DEFAULT NULL, active boolean DEFAULT true)
  RETURNS bigint LANGUAGE sql AS 'INSERT INTO cron.job (jobname, schedule, command) VALUES ($1, $2, $3) RETURNING jobid';
CREATE FUNCTION cron.unschedule(job_id bigint) RETURNS boolean LANGUAGE sql AS 'DELETE FROM cron.job WHERE jobid = $1 RETURNING true';
CREATE FUNCTION cron.unschedule(job_name text) RETURNS boolean LANGUAGE sql AS 'DELETE FROM cron.job WHERE jobname = $1 RETURNING true';
CREATE FUNCTION cron.alter_job(job_id bigint, schedule text DEFAULT NULL, command text DEFAULT NULL, database text DEFAULT NULL, username text DEFAULT NULL, active boolean DEFAULT NULL)
  RETURNS void LANGUAGE sql AS 'SELECT';
`,
};

export const pg_graphql: StandinExtension = {
  name: 'pg_graphql',
  version: '1.5.11',
  ownSchema: 'graphql',
  schema: 'graphql',
  script: `
CREATE FUNCTION graphql.resolve(query text, variables jsonb DEFAULT '{}', "operationName" text DEFAULT NULL, extensions jsonb DEFAULT NULL)
  RETURNS jsonb LANGUAGE sql AS 'SELECT ''{}''::jsonb';
`,
};

export const pgjwt: StandinExtension = {
  name: 'pgjwt',
  version: '0.2.0',
  requires: ['pgcrypto'],
  script: `
CREATE FUNCTION sign(payload json, secret text, algorithm text DEFAULT 'HS256') RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT ''''::text';
CREATE FUNCTION verify(token text, secret text, algorithm text DEFAULT 'HS256') RETURNS TABLE(header json, payload json, valid boolean)
  LANGUAGE sql IMMUTABLE AS 'SELECT NULL::json, NULL::json, false';
CREATE FUNCTION url_encode(data bytea) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT encode($1, ''base64'')';
CREATE FUNCTION url_decode(data text) RETURNS bytea LANGUAGE sql IMMUTABLE AS 'SELECT decode($1, ''base64'')';
CREATE FUNCTION algorithm_sign(signables text, secret text, algorithm text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT ''''::text';
CREATE FUNCTION try_cast_double(inp text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS 'BEGIN RETURN inp::double precision; EXCEPTION WHEN OTHERS THEN RETURN NULL; END';
`,
};

export const pg_jsonschema: StandinExtension = {
  name: 'pg_jsonschema',
  version: '0.3.3',
  script: `
CREATE FUNCTION json_matches_schema(schema json, instance json) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'SELECT true';
CREATE FUNCTION jsonb_matches_schema(schema json, instance jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'SELECT true';
CREATE FUNCTION jsonschema_is_valid(schema json) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'SELECT true';
CREATE FUNCTION jsonschema_validation_errors(schema json, instance json) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ''{}''::text[]';
`,
};

export const pg_hashids: StandinExtension = {
  name: 'pg_hashids',
  version: '1.3',
  script: `
CREATE FUNCTION id_encode(bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1::text';
CREATE FUNCTION id_encode(bigint, text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1::text';
CREATE FUNCTION id_encode(bigint, text, integer) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1::text';
CREATE FUNCTION id_decode(text) RETURNS bigint[] LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ARRAY[0::bigint]';
CREATE FUNCTION id_decode(text, text) RETURNS bigint[] LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ARRAY[0::bigint]';
`,
};

/** pgsodium: its key roles, and the functions Supabase's image grants on. */
export const pgsodium: StandinExtension = {
  name: 'pgsodium',
  version: '3.1.8',
  ownSchema: 'pgsodium',
  schema: 'pgsodium',
  roles: ['pgsodium_keyiduser', 'pgsodium_keyholder', 'pgsodium_keymaker'],
  script: `
CREATE TABLE pgsodium.key (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text UNIQUE, created timestamptz NOT NULL DEFAULT now(),
  raw_key bytea, key_context bytea DEFAULT '\\x7067736f6469756d', comment text);
CREATE FUNCTION pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea DEFAULT NULL)
  RETURNS bytea LANGUAGE sql IMMUTABLE AS 'SELECT $1';
CREATE FUNCTION pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea DEFAULT NULL)
  RETURNS bytea LANGUAGE sql IMMUTABLE AS 'SELECT $1';
CREATE FUNCTION pgsodium.crypto_aead_det_keygen() RETURNS bytea LANGUAGE sql AS 'SELECT ''\\x00''::bytea';
CREATE FUNCTION pgsodium.crypto_aead_det_noncegen() RETURNS bytea LANGUAGE sql AS 'SELECT ''\\x00''::bytea';
CREATE FUNCTION pgsodium.randombytes_buf(size integer) RETURNS bytea LANGUAGE sql AS 'SELECT ''\\x00''::bytea';
CREATE FUNCTION pgsodium.create_key(key_type text DEFAULT 'aead-det', name text DEFAULT NULL) RETURNS pgsodium.key
  LANGUAGE sql AS 'INSERT INTO pgsodium.key (name) VALUES ($2) RETURNING *';
`,
};

/** Supabase Vault: its secrets table, the decrypting view and the two functions projects call. */
export const supabase_vault: StandinExtension = {
  name: 'supabase_vault',
  version: '0.3.1',
  ownSchema: 'vault',
  schema: 'vault',
  script: `
CREATE TABLE vault.secrets (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text, description text NOT NULL DEFAULT '',
  secret text NOT NULL, key_id uuid, nonce bytea, created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE UNIQUE INDEX secrets_name_idx ON vault.secrets (name) WHERE name IS NOT NULL;
CREATE VIEW vault.decrypted_secrets AS SELECT id, name, description, secret, secret AS decrypted_secret, key_id, nonce, created_at, updated_at
  FROM vault.secrets;
CREATE FUNCTION vault.create_secret(new_secret text, new_name text DEFAULT NULL, new_description text DEFAULT '', new_key_id uuid DEFAULT NULL)
  RETURNS uuid LANGUAGE sql AS 'INSERT INTO vault.secrets (secret, name, description, key_id) VALUES ($1, $2, $3, $4) RETURNING id';
CREATE FUNCTION vault.update_secret(secret_id uuid, new_secret text DEFAULT NULL, new_name text DEFAULT NULL, new_description text DEFAULT NULL,
  new_key_id uuid DEFAULT NULL) RETURNS void LANGUAGE sql AS
  'UPDATE vault.secrets SET secret = coalesce($2, secret), name = coalesce($3, name), description = coalesce($4, description),
     key_id = coalesce($5, key_id), updated_at = now() WHERE id = $1';
`,
};

/** Wrappers' foreign data wrappers: FDW handlers and validators, and its statistics table. */
const WRAPPERS = ['airtable', 'auth0', 'big_query', 'click_house', 'cognito', 'firebase', 'iceberg', 'logflare', 'mssql', 'paddle', 'redis', 's3', 'snowflake', 'stripe', 'wasm'];
export const wrappers: StandinExtension = {
  name: 'wrappers',
  version: '0.4.4',
  script: [
    `CREATE TABLE wrappers_fdw_stats (fdw_name text PRIMARY KEY, create_times bigint, rows_in bigint, rows_out bigint, bytes_in bigint,
  bytes_out bigint, metadata jsonb, created_at timestamptz NOT NULL DEFAULT timezone('utc', now()), updated_at timestamptz NOT NULL DEFAULT timezone('utc', now()));`,
    ...WRAPPERS.flatMap((w) => [
      // The handler is only called when a foreign table is read, which never happens in a shadow.
      `CREATE FUNCTION ${w}_fdw_handler() RETURNS fdw_handler LANGUAGE internal AS 'fdw_handler_in';`,
      `CREATE FUNCTION ${w}_fdw_validator(options text[], catalog oid) RETURNS void LANGUAGE sql AS 'SELECT';`,
      `CREATE FUNCTION ${w}_fdw_meta() RETURNS TABLE(name text, version text, author text, website text) LANGUAGE sql AS 'SELECT NULL::text, NULL::text, NULL::text, NULL::text';`,
    ]),
  ].join('\n'),
};
