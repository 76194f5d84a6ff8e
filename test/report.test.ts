import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeReport } from '../src/report/diff-report.js';
import { renderDiffText } from '../src/report/diff-text.js';

const report = makeReport('a', 'b', [{ kind: 'column', action: 'missing', object: 'public.t.c', table: 'public.t', severity: 'error', message: 'column public.t.c (int) is missing' }], []);

test('text reports are colored only when asked (a terminal)', () => {
  const colored = renderDiffText(report, true);
  assert.match(colored, /\u001b\[31m✗ error {2}\u001b\[0m column public\.t\.c/);
  assert.doesNotMatch(renderDiffText(report, false), /\u001b\[/);
});
