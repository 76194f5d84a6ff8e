/**
 * Stand-ins for the Supabase platform extensions that migrations call into: pg_net, pg_cron,
 * pg_graphql, pgjwt, pg_jsonschema, pg_hashids, supabase_vault and pgsodium.
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

/** The shadow's Supabase base already has the vault schema; the extension itself only has to exist. */
export const supabase_vault: StandinExtension = { name: 'supabase_vault', version: '0.3.1', script: '' };
export const pgsodium: StandinExtension = { name: 'pgsodium', version: '3.1.8', ownSchema: 'pgsodium', script: '' };
