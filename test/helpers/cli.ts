import { spawnSync } from 'node:child_process';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the built command line (`bin/pgdrift.js`), as a user would; `timeoutMs` kills a run that hangs (its status is then -1). */
export function pgdrift(args: string[], env: Record<string, string> = {}, timeoutMs?: number): CliResult {
  const r = spawnSync(process.execPath, ['bin/pgdrift.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, ...(timeoutMs ? { timeout: timeoutMs } : {}) });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
