import { spawnSync } from 'node:child_process';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the built command line (`bin/pgdrift.js`), as a user would. */
export function pgdrift(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, ['bin/pgdrift.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
