import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { columnId, functionId, qualify, quoteIdent, quoteLiteral } from '../src/model/ident.js';

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
