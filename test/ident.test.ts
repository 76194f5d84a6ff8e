import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { columnId, functionId, printable, qualify, quoteIdent, quoteLiteral } from '../src/model/ident.js';

test('identifiers are quoted exactly when Postgres needs it', () => {
  assert.equal(quoteIdent('users'), 'users');
  assert.equal(quoteIdent('_x$1'), '_x$1');
  assert.equal(quoteIdent('User'), '"User"');
  assert.equal(quoteIdent('order items'), '"order items"');
  assert.equal(quoteIdent('say "hi"'), '"say ""hi"""');
  assert.equal(quoteIdent('select'), '"select"');
  assert.equal(quoteIdent('user'), '"user"');
  assert.equal(quoteIdent('1abc'), '"1abc"');
  assert.equal(quoteIdent('name'), 'name'); // unreserved keyword
  assert.equal(qualify('public', 'User'), 'public."User"');
  assert.equal(columnId({ schema: 'app', name: 'Order' }, 'from'), 'app."Order"."from"');
  assert.equal(functionId({ schema: 'public', name: 'f', identityArgs: 'a integer' }), 'public.f(a integer)');
  assert.equal(quoteLiteral("it's"), "'it''s'");
});

test('quoteIdent agrees with Postgres quote_ident on keywords and odd names', async () => {
  const db = await PGlite.create();
  try {
    const { rows } = await db.query<{ word: string; quoted: string }>(
      "select word, quote_ident(word) as quoted from pg_get_keywords() union all select n, quote_ident(n) from unnest(array['A', 'a b', 'x\"y', 'ok_1', 'é']) n",
    );
    for (const r of rows) assert.equal(quoteIdent(r.word), r.quoted, r.word);
  } finally {
    await db.close();
  }
});

test('names and literals with control characters are written with escapes that mean the same to Postgres', async () => {
  const hostile = 'z\ncreate role pwned superuser; --\u001b[31m\\"\'';
  assert.equal(quoteIdent(hostile), 'U&"z\\000acreate role pwned superuser; --\\001b[31m\\\\""\'"');
  assert.equal(quoteLiteral(hostile), "E'z\\u000acreate role pwned superuser; --\\u001b[31m\\\\\"'''");
  assert.equal(printable('a\nb\u001b'), 'a\\u000ab\\u001b');
  const db = await PGlite.create();
  try {
    await db.exec(`create table ${quoteIdent(hostile)} (id int); comment on table ${quoteIdent(hostile)} is ${quoteLiteral(hostile)}`);
    const { rows } = await db.query<{ name: string; comment: string }>("select relname as name, obj_description(oid, 'pg_class') as comment from pg_class where relname like 'z%'");
    assert.deepEqual(rows, [{ name: hostile, comment: hostile }]);
  } finally {
    await db.close();
  }
});

test('functionId: a parameter name holding a control character is Unicode-escaped; other names stay as PostgreSQL wrote them', () => {
  assert.equal(functionId({ schema: 'public', name: 'f', identityArgs: '"x \u001b[31m" integer, "Y" text' }), 'public.f(U&"x \\001b[31m" integer, "Y" text)');
  assert.equal(functionId({ schema: 'public', name: 'f', identityArgs: 'a integer' }), 'public.f(a integer)');
});
