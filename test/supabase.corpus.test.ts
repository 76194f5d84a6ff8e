/**
 * Real Supabase projects (../shared/corpus/supabase) replay on Supabase's own platform, on PGlite and
 * on an embedded PostgreSQL 17 server, to byte-identical snapshots; a folder has no drift against
 * itself; and what the projects put on platform tables (storage policies, Realtime publication
 * membership) is in the model.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { diff } from '../src/diff/diff.js';
import { toSnapshot } from '../src/model/snapshot.js';
import { loadSource } from '../src/sources/load.js';

const CORPUS = join('..', 'shared', 'corpus', 'supabase');
const PROJECTS: Record<string, string> = {
  'chatbot-ui': 'chatbot-ui/supabase/migrations',
  quivr: 'quivr/backend/supabase/migrations',
  basejump: 'basejump/supabase/migrations',
  'database-build': 'database-build/supabase/migrations',
  'makerkit-lite': 'makerkit-lite/apps/web/supabase/migrations',
};

describe('Supabase corpus', { skip: !existsSync(CORPUS) && 'corpus not present' }, () => {
  for (const [name, folder] of Object.entries(PROJECTS)) {
    test(`${name}: replays on PGlite and on PostgreSQL 17 to the same snapshot, and has no drift against itself`, async () => {
      const spec = { kind: 'migrations' as const, path: join(CORPUS, folder) };
      const pglite = await loadSource(spec);
      // An embedded PostgreSQL 17 of its own, as `--shadow embedded` starts one.
      const server = await loadSource(spec, { shadow: 'embedded' });
      assert.match(server.engine!, /^PostgreSQL 17/);
      assert.equal(toSnapshot(server.schema), toSnapshot(pglite.schema));
      assert.deepEqual(diff(pglite.schema, server.schema), []);
      assert.ok(pglite.schema.tables.some((t) => !t.platform), 'the project has tables of its own');
      // The platform's own tables are never the project's.
      for (const t of pglite.schema.tables.filter((x) => ['auth', 'storage'].includes(x.schema))) {
        assert.ok(t.platform, `${t.schema}.${t.name} is marked as the platform's`);
        assert.deepEqual(t.columns, []);
      }
    });
  }

  test('storage policies and Realtime publication membership are in the model', async () => {
    const chatbot = (await loadSource({ kind: 'migrations', path: join(CORPUS, PROJECTS['chatbot-ui']!) })).schema;
    const objects = chatbot.tables.find((t) => t.schema === 'storage' && t.name === 'objects');
    assert.ok(objects?.policies.length, 'chatbot-ui writes policies on storage.objects');
    const quivr = (await loadSource({ kind: 'migrations', path: join(CORPUS, PROJECTS.quivr!) })).schema;
    const realtime = quivr.publications.find((p) => p.name === 'supabase_realtime');
    assert.ok(realtime?.tables.length, 'quivr publishes tables to supabase_realtime');
  });
});
