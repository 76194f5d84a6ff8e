import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifiesLiveOnPglite } from '../src/cli/early-shadow.js';

test('a PGlite shadow is started early only for a plan from a live database, verified on PGlite', () => {
  const url = 'postgres://u:p@localhost/db';
  assert.equal(verifiesLiveOnPglite(['plan', url, 'schema.sql']), true);
  assert.equal(verifiesLiveOnPglite(['plan', url, url, '--shadow', 'pglite']), true);
  assert.equal(verifiesLiveOnPglite(['plan', url, url, '--shadow=pglite']), true);
  // Not verified, verified on a server, or from files (which the replay cache may answer): no guess.
  assert.equal(verifiesLiveOnPglite(['plan', url, url, '--no-verify']), false);
  assert.equal(verifiesLiveOnPglite(['plan', url, url, '--shadow', url]), false);
  assert.equal(verifiesLiveOnPglite(['plan', url, url, '--shadow=embedded']), false);
  assert.equal(verifiesLiveOnPglite(['plan', 'a.sql', 'b.sql']), false);
  assert.equal(verifiesLiveOnPglite(['diff', url, url]), false);
  assert.equal(verifiesLiveOnPglite([]), false);
});
