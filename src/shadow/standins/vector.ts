/**
 * pgvector: the types vector, halfvec and sparsevec with their dimension modifier, the distance
 * operators and functions, and the hnsw and ivfflat access methods with their operator classes.
 * The types store their text; the access methods borrow hash's handler (btree's refuses to build
 * under another access method's name on PostgreSQL 15-17), so indexes build.
 */
import type { StandinExtension } from './types.js';

const TYPES = ['vector', 'halfvec', 'sparsevec'];
const DISTANCES: [op: string, fn: string, opclass: string][] = [
  ['<->', 'l2_distance', 'l2_ops'],
  ['<=>', 'cosine_distance', 'cosine_ops'],
  ['<#>', 'inner_product', 'ip_ops'],
  ['<+>', 'l1_distance', 'l1_ops'],
];

function typeScript(t: string): string {
  const lines = [
    `CREATE TYPE ${t};`,
    `CREATE FUNCTION ${t}_in(cstring, oid, integer) RETURNS ${t} AS 'textin' LANGUAGE internal IMMUTABLE STRICT;`,
    `CREATE FUNCTION ${t}_out(${t}) RETURNS cstring AS 'textout' LANGUAGE internal IMMUTABLE STRICT;`,
    `CREATE FUNCTION ${t}_typmod_in(cstring[]) RETURNS integer AS 'varchartypmodin' LANGUAGE internal IMMUTABLE STRICT;`,
    `CREATE FUNCTION ${t}_typmod_out(integer) RETURNS cstring AS 'varchartypmodout' LANGUAGE internal IMMUTABLE STRICT;`,
    `CREATE TYPE ${t} (INPUT = ${t}_in, OUTPUT = ${t}_out, TYPMOD_IN = ${t}_typmod_in, TYPMOD_OUT = ${t}_typmod_out, INTERNALLENGTH = VARIABLE, STORAGE = extended);`,
    `CREATE CAST (${t} AS text) WITHOUT FUNCTION AS IMPLICIT;`,
    `CREATE CAST (text AS ${t}) WITHOUT FUNCTION AS ASSIGNMENT;`,
    `CREATE CAST (real[] AS ${t}) WITH INOUT AS ASSIGNMENT;`,
    `CREATE CAST (double precision[] AS ${t}) WITH INOUT AS ASSIGNMENT;`,
    `CREATE CAST (${t} AS real[]) WITH INOUT AS ASSIGNMENT;`,
    `CREATE FUNCTION ${t}_hash(${t}) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 0';`,
  ];
  for (const [op, fn, opclass] of DISTANCES) {
    lines.push(
      `CREATE FUNCTION ${fn}(${t}, ${t}) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT 0::double precision';`,
      `CREATE OPERATOR ${op} (LEFTARG = ${t}, RIGHTARG = ${t}, FUNCTION = ${fn}, COMMUTATOR = '${op}');`,
      `CREATE OPERATOR CLASS ${t}_${opclass} FOR TYPE ${t} USING hnsw AS FUNCTION 1 ${t}_hash(${t});`,
      `CREATE OPERATOR CLASS ${t}_${opclass} FOR TYPE ${t} USING ivfflat AS FUNCTION 1 ${t}_hash(${t});`,
    );
  }
  lines.push(
    `CREATE FUNCTION vector_dims(${t}) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS 'SELECT 0';`,
    `CREATE FUNCTION l2_norm(${t}) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT AS 'SELECT 0::double precision';`,
    `CREATE FUNCTION l2_normalize(${t}) RETURNS ${t} LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1';`,
  );
  return lines.join('\n');
}

export const vector: StandinExtension = {
  name: 'vector',
  version: '0.8.0',
  script: [
    'CREATE ACCESS METHOD hnsw TYPE INDEX HANDLER hashhandler;',
    'CREATE ACCESS METHOD ivfflat TYPE INDEX HANDLER hashhandler;',
    ...TYPES.map(typeScript),
    `CREATE FUNCTION vector_norm(vector) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT AS 'SELECT 0::double precision';`,
    `CREATE FUNCTION subvector(vector, integer, integer) RETURNS vector LANGUAGE sql IMMUTABLE STRICT AS 'SELECT $1';`,
    `CREATE FUNCTION binary_quantize(vector) RETURNS bit LANGUAGE sql IMMUTABLE STRICT AS 'SELECT B''0''';`,
    `CREATE FUNCTION vector_accum(vector, vector) RETURNS vector LANGUAGE sql IMMUTABLE AS 'SELECT $2';`,
    'CREATE AGGREGATE avg(vector) (SFUNC = vector_accum, STYPE = vector);',
    'CREATE AGGREGATE sum(vector) (SFUNC = vector_accum, STYPE = vector);',
  ].join('\n'),
};

/** Access methods of this stand-in: their index options (`WITH (m = 16)`) are kept aside and restored. */
export const VECTOR_ACCESS_METHODS = ['hnsw', 'ivfflat'];
