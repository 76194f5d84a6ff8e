/** Running pgdrift as a user does, in a new process: wall time and the process's peak memory. */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export interface Run {
  ms: number;
  /** Peak RSS of the process, when /usr/bin/time is there. */
  mb?: number;
  stderr: string;
  status: number;
}

export function pgdrift(args: string[], env: Record<string, string> = {}): Run {
  const argv = ['bin/pgdrift.js', ...args];
  const options = { encoding: 'utf8' as const, env: { ...process.env, ...env }, maxBuffer: 1 << 28 };
  const t = performance.now();
  const r = TIME ? spawnSync(TIME, ['-f', '%M', process.execPath, ...argv], options) : spawnSync(process.execPath, argv, options);
  const ms = performance.now() - t;
  const lines = r.stderr.trimEnd().split('\n');
  const kb = TIME ? Number(lines.at(-1)) : NaN;
  return { ms, ...(Number.isFinite(kb) ? { mb: kb / 1024 } : {}), stderr: (TIME ? lines.slice(0, -1) : lines).join('\n'), status: r.status ?? -1 };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
export const mem = (r: { mb?: number }) => (r.mb === undefined ? 'n/a' : `${Math.round(r.mb)} MB`);
