import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audit } from '../audit.js';
import { emptySchema } from '../../model/empty.js';

// PGlite cannot load these extensions, so the schema is written as the model holds it.
test('extension-deprecated: plv8, timescaledb and adminpack, which Supabase\'s PostgreSQL 17 images drop', () => {
  const schema = { ...emptySchema(), extensions: ['plv8', 'pg_trgm', 'timescaledb'].map((name) => ({ name, schema: 'extensions' })) };
  const found = audit(schema, {}, {}).filter((f) => f.rule === 'extension-deprecated');
  assert.deepEqual(found.map((f) => f.object), ['plv8', 'timescaledb']);
  assert.equal(found[0]!.fix, 'drop extension plv8;');
});
