import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../src/errors.js';
import { parseSourceSpec } from '../src/sources/resolve.js';
import { maskPasswords, maskUrl } from '../src/sources/url.js';

test('source arguments are recognized by form', () => {
  assert.deepEqual(parseSourceSpec('postgres://u:p@h/db'), { kind: 'live', url: 'postgres://u:p@h/db' });
  assert.deepEqual(parseSourceSpec('postgresql://h/db'), { kind: 'live', url: 'postgresql://h/db' });
  assert.equal(parseSourceSpec('examples/supabase-app/supabase/migrations').kind, 'migrations');
  assert.equal(parseSourceSpec('test/fixtures/every-kind.sql').kind, 'sql');
  assert.deepEqual(parseSourceSpec('migrations:test/fixtures'), { kind: 'migrations', path: 'test/fixtures' });
  assert.deepEqual(parseSourceSpec('sql:test/fixtures/views.sql'), { kind: 'sql', path: 'test/fixtures/views.sql' });
});

test('a missing or unrecognizable source is bad input with advice', () => {
  assert.throws(() => parseSourceSpec('nope/missing'), (e: unknown) => e instanceof UserError && /source not found: nope\/missing/.test(e.message));
  assert.throws(() => parseSourceSpec('package.json.lock'), UserError);
  assert.throws(() => parseSourceSpec('.gitignore'), /cannot tell what kind of source/);
});

test('passwords are masked in URLs and in messages', () => {
  assert.equal(maskUrl('postgres://admin:hunter2@db.example.com:5432/app'), 'postgres://admin:***@db.example.com:5432/app');
  assert.equal(maskUrl('postgres://db.example.com/app'), 'postgres://db.example.com/app');
  assert.equal(maskPasswords('failed for postgresql://a:b%40c@h/d now'), 'failed for postgresql://a:***@h/d now');
});
