/** Progress on stderr: a line rewritten in place on a terminal, cleared at the end; nothing when piped. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progress } from '../src/report/progress.js';
import { pgdrift } from './helpers/cli.js';

function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, columns: 60, text: '', write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

test('on a terminal: the first step and the last are shown, in place, then cleared', () => {
  const tty = stream(true);
  const p = progress('replaying', 3, tty);
  p.step(0, 'a.sql');
  p.step(1, 'b.sql');
  p.step(3);
  p.done();
  assert.equal(tty.text, '\r\u001b[2Kreplaying: 0 of 3 (a.sql)\r\u001b[2Kreplaying: 3 of 3\r\u001b[2K');
});

test('piped, or with NO_COLOR: nothing', () => {
  const piped = stream(false);
  const p = progress('replaying', 3, piped);
  p.step(0, 'a.sql');
  p.done();
  assert.equal(piped.text, '');
  process.env.NO_COLOR = '1';
  try {
    const tty = stream(true);
    progress('replaying', 3, tty).step(0);
    assert.equal(tty.text, '');
  } finally {
    delete process.env.NO_COLOR;
  }
});

test('a command whose stderr is a pipe prints no progress', () => {
  const r = pgdrift(['inspect', 'examples/supabase-app/supabase/migrations', '--summary', '--no-cache']);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /replaying|\r/);
});
