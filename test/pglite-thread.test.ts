/**
 * PGlite threads started before the code that drives them loads (a source that missed the replay
 * cache): the next shadows take them, at most two wait, and one that nothing takes does not keep the
 * process alive.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { describe, test } from 'node:test';
import { startThreadEarly, takeThread } from '../src/shadow/pglite-thread.js';

describe('PGlite threads started early', () => {
  test('the next takes get the threads started early, at most two of them; then new ones', async () => {
    startThreadEarly();
    startThreadEarly();
    startThreadEarly();
    // A thread made after the early ones: an early thread's id is below it, a new one's above.
    const marker = new Worker('', { eval: true });
    const taken = [takeThread(), takeThread(), takeThread()];
    try {
      assert.deepEqual(taken.map((t) => t.worker.threadId < marker.threadId), [true, true, false]);
    } finally {
      await Promise.all([marker, ...taken.map((t) => t.worker)].map((w) => w.terminate()));
    }
  });

  test('a thread started early that nothing takes does not keep the process alive', () => {
    const script = `import { startThreadEarly } from './src/shadow/pglite-thread.ts'; startThreadEarly(); console.log('started');`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'started');
  });
});
