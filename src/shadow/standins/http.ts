/** pgsql-http (`create extension http`): its types and the http_* functions, returning nothing. */
import type { StandinExtension } from './types.js';

const verbs = ['get', 'delete', 'head'].map(
  (v) => `CREATE FUNCTION http_${v}(uri varchar) RETURNS http_response LANGUAGE sql AS 'SELECT NULL::http_response';`,
);

export const http: StandinExtension = {
  name: 'http',
  version: '1.6',
  script: `
CREATE DOMAIN http_method AS text;
CREATE DOMAIN content_type AS text;
CREATE TYPE http_header AS (field varchar, value varchar);
CREATE TYPE http_request AS (method http_method, uri varchar, headers http_header[], content_type varchar, content varchar);
CREATE TYPE http_response AS (status integer, content_type varchar, headers http_header[], content varchar);
CREATE FUNCTION http(request http_request) RETURNS http_response LANGUAGE sql AS 'SELECT NULL::http_response';
CREATE FUNCTION http_header(field varchar, value varchar) RETURNS http_header LANGUAGE sql AS 'SELECT ROW($1, $2)::http_header';
${verbs.join('\n')}
CREATE FUNCTION http_get(uri varchar, data jsonb) RETURNS http_response LANGUAGE sql AS 'SELECT NULL::http_response';
CREATE FUNCTION http_post(uri varchar, content varchar, content_type varchar) RETURNS http_response LANGUAGE sql AS 'SELECT NULL::http_response';
CREATE FUNCTION http_post(uri varchar, data jsonb) RETURNS http_response LANGUAGE sql AS 'SELECT NULL::http_response';
CREATE FUNCTION http_put(uri varchar, content varchar, content_type varchar) RETURNS http_response LANGUAGE sql AS 'SELECT NULL::http_response';
CREATE FUNCTION http_patch(uri varchar, content varchar, content_type varchar) RETURNS http_response LANGUAGE sql AS 'SELECT NULL::http_response';
CREATE FUNCTION urlencode(string varchar) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1::text';
CREATE FUNCTION urlencode(data jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1::text';
CREATE FUNCTION http_set_curlopt(curlopt varchar, value varchar) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION http_reset_curlopt() RETURNS boolean LANGUAGE sql AS 'SELECT true';
`,
};
