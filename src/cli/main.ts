/**
 * The `pgdrift` command. Exit codes: 0 nothing at or above --fail-on, 1 drift or findings at or
 * above it, 2 bad input or an unreachable database (one line on stderr, never a stack trace).
 */
import { Command, CommanderError } from 'commander';
import { auditCommand } from './commands/audit.js';
import { checkCommand } from './commands/check.js';
import { diffCommand } from './commands/diff.js';
import { inspectCommand } from './commands/inspect.js';
import { lintCommand } from './commands/lint.js';
import { planCommand } from './commands/plan.js';
import { VERSION } from './version.js';
import { errorLine, EXIT } from './exit.js';
import { isInterrupted } from '../shadow/interrupt.js';

export { errorLine, EXIT };

export function buildProgram(): Command {
  const program = new Command('pgdrift')
    .description('find, explain and fix PostgreSQL schema drift in Supabase and Prisma projects')
    .version(VERSION)
    .showHelpAfterError('(run pgdrift --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const cmd of [inspectCommand(), diffCommand(), planCommand(), lintCommand(), auditCommand(), checkCommand()]) program.addCommand(cmd.exitOverride());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; usage errors were already printed by commander.
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    // After a signal, failures are the cleanup closing connections under running work: not news.
    if (isInterrupted()) return EXIT.badInput;
    process.stderr.write(errorLine(e) + '\n');
    if (process.env.PGDRIFT_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return EXIT.badInput;
  }
}
