/**
 * The GitHub Action (action.yml): its shell step run here as GitHub runs it (on the bundled example
 * project), and its pull-request comment against an Octokit stand-in (the GitHub API, not a database).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { tempDir } from './helpers/temp.js';

const ROOT = resolve('.');

test('action.yml: its inputs, and every file its steps run is in the repository', () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; runs: { using: string; steps: { run?: string; with?: { script?: string } }[] } };
  assert.deepEqual(Object.keys(action.inputs).sort(), ['comment', 'config', 'fail-on', 'lint', 'upload-sarif', 'working-directory']);
  assert.equal(action.runs.using, 'composite');
  const scripts = action.runs.steps.flatMap((s) => [s.run ?? '', s.with?.script ?? '']).join('\n');
  const files = [...scripts.matchAll(/GITHUB_ACTION_PATH\W+\/?([\w./-]+\.(?:sh|mjs))/g)].map((m) => m[1]!);
  assert.deepEqual(files.sort(), ['action/comment.mjs', 'action/run.sh']);
  for (const file of files) assert.ok(existsSync(file), file);
  assert.ok(existsSync('examples/github/pgdrift.yml'));
});

test('the check step: the markdown report with its marker, SARIF for the lint, and pgdrift check\'s exit code as the output', () => {
  const out = tempDir();
  const github = join(out, 'github-output');
  const r = spawnSync('bash', [join(ROOT, 'action/run.sh')], {
    cwd: 'examples/supabase-app',
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: github, PGDRIFT_OUT: out, PGDRIFT_LINT: 'supabase/migrations', PGDRIFT_FAIL_ON: 'error', PGDRIFT_CONFIG: '' },
  });
  assert.equal(r.status, 0, r.stderr);
  const expected = spawnSync(process.execPath, [join(ROOT, 'bin/pgdrift.js'), 'check', '--format', 'markdown'], { cwd: 'examples/supabase-app', encoding: 'utf8' });
  assert.equal(expected.status, 1, 'the example project has drift');
  assert.equal(readFileSync(github, 'utf8'), 'exit-code=1\n');
  assert.ok(readFileSync(join(out, 'pgdrift-report.md'), 'utf8').includes(expected.stdout.trim()));
  const report = readFileSync(join(out, 'pgdrift-report.md'), 'utf8');
  assert.match(report, /^<!-- pgdrift -->\n## pgdrift\n/);
  assert.match(report, /### pgdrift lint supabase\/migrations/);
  const sarif = JSON.parse(readFileSync(join(out, 'pgdrift.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.length > 0);
});

test('the comment: created once, then the same comment updated on the next push', async () => {
  const { upsertComment, MARKER } = (await import(join(ROOT, 'action/comment.mjs'))) as { upsertComment: (a: unknown) => Promise<string>; MARKER: string };
  const comments: { id: number; body: string }[] = [{ id: 1, body: 'a reviewer' }];
  const calls: string[] = [];
  const github = {
    paginate: async (fn: (o: unknown) => Promise<{ data: unknown[] }>, o: unknown) => (await fn(o)).data,
    rest: {
      issues: {
        listComments: async () => ({ data: [...comments] }),
        createComment: async (o: { body: string }) => { calls.push('create'); comments.push({ id: comments.length + 1, body: o.body }); },
        updateComment: async (o: { comment_id: number; body: string }) => { calls.push(`update ${o.comment_id}`); comments.find((c) => c.id === o.comment_id)!.body = o.body; },
      },
    },
  };
  const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
  assert.equal(await upsertComment({ github, context, body: 'first report' }), 'created');
  assert.equal(await upsertComment({ github, context, body: `${MARKER}\nsecond report` }), 'updated');
  assert.deepEqual(calls, ['create', 'update 2']);
  assert.deepEqual(comments.map((c) => c.body), ['a reviewer', `${MARKER}\nsecond report`]);
});
