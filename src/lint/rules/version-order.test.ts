import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintRule } from '../../../test/helpers/lint.js';

test('version-order: a file altering a table that a later-versioned file creates', async () => {
  const { at, findings } = await lintRule('version-order', {
    '20240101000000_add_column.sql': 'alter table profiles add column bio text;\n',
    '20240201000000_profiles.sql': 'create table profiles (id uuid primary key);\n',
  });
  assert.deepEqual(at, ['20240101000000_add_column.sql:1:13']);
  assert.match(findings[0]!.message, /uses table public\.profiles, which 20240201000000_profiles\.sql creates/);
  const fixed = await lintRule('version-order', {
    '20240101000000_profiles.sql': 'create table profiles (id uuid primary key);\n',
    '20240201000000_add_column.sql': 'alter table profiles add column bio text;\n',
  });
  assert.deepEqual(fixed.at, []);
});

test('version-order: a foreign key to, a rename of, or a view over a table that a later file creates', async () => {
  const { at } = await lintRule('version-order', {
    '20240101000000_a.sql': 'create table posts (id int, author int references authors (id));\nalter table authors rename to writers;\ncreate view v as select * from authors;\n',
    '20240201000000_authors.sql': 'create table authors (id int primary key);\n',
  });
  assert.deepEqual(at, ['20240101000000_a.sql:1:51', '20240101000000_a.sql:2:13', '20240101000000_a.sql:3:32']);
});
