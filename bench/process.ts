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

/**
 * The environment each measured command runs in: this one without NODE_EXTRA_CA_CERTS. Node reads and
 * parses the CA bundle that names as each process starts, before any of its code runs (this machine
 * sets one for its network; startNote() says what it costs). No command measured here opens a TLS
 * connection, and every one, pgdrift's and migra's, runs the same way.
 */
export const COMMAND_ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'));

/** The machine's own NODE_EXTRA_CA_CERTS, to run a command as this machine starts Node (pass it as `env`). */
export const EXTRA_CERTS: Record<string, string> = process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {};

export function pgdrift(args: string[], env: Record<string, string> = {}): Run {
  const argv = ['bin/pgdrift.js', ...args];
  const options = { encoding: 'utf8' as const, env: { ...COMMAND_ENV, ...env }, maxBuffer: 1 << 28 };
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

/** `node -e 0` in a new process, median of 11 runs: what starting Node costs before any of a command's code. */
function nodeStartMs(env: Record<string, string>): number {
  const times = Array.from({ length: 11 }, () => {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env: { ...COMMAND_ENV, ...env } });
    return performance.now() - t;
  });
  return median(times);
}

/** The sentence that says the commands ran without the machine's NODE_EXTRA_CA_CERTS, and what it costs; '' when it sets none. */
export function startNote(withCerts: string): string {
  if (!EXTRA_CERTS.NODE_EXTRA_CA_CERTS) return '';
  return `This machine sets NODE_EXTRA_CA_CERTS: Node reads and parses the CA bundle it names as each process starts, before any of the process's own code (\`node -e 0\`: ${fmt(nodeStartMs(EXTRA_CERTS))} with it, ${fmt(nodeStartMs({}))} without). The commands here run without it (none opens a TLS connection); ${withCerts}`;
}
