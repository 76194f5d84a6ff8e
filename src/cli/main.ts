/**
 * The `pgdrift` command. Exit codes: 0 nothing at or above --fail-on, 1 drift or findings at or
 * above it, 2 bad input or an unreachable database (one line on stderr, never a stack trace).
 */
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError } from 'commander';
import { VERSION } from './version.js';
import { errorLine, EXIT } from './exit.js';
import { isInterrupted } from '../shadow/interrupt.js';
import { trace } from '../trace.js';
import { verifiesLiveOnPglite } from './early-shadow.js';

export { errorLine, EXIT };

// The command's WebAssembly (the SQL parser, Prisma's engines, PGlite) is compiled by V8's baseline
// compiler alone: a command's work is done before the optimizing compiler's second pass pays for
// itself (measured: `plan a.sql b.sql` 8% sooner, a Prisma schema read 28% sooner, the 2,300 statements
// of trigger.dev parsed in two thirds of the time). A very long replay turns it back on (BASELINE_ONLY_BELOW in
// shadow/pglite-engine.ts). Each function is validated when it is first compiled, not the whole module
// up front (these modules are the packages' own): PGlite's 9 MB compiles in 15 ms instead of 40.
setFlagsFromString('--liftoff-only');
setFlagsFromString('--wasm-lazy-validation');

/** Each command's module, loaded only when it runs (or when help lists them all): a command starts sooner. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  inspect: async () => (await import('./commands/inspect.js')).inspectCommand(),
  diff: async () => (await import('./commands/diff.js')).diffCommand(),
  plan: async () => (await import('./commands/plan.js')).planCommand(),
  lint: async () => (await import('./commands/lint.js')).lintCommand(),
  audit: async () => (await import('./commands/audit.js')).auditCommand(),
  check: async () => (await import('./commands/check.js')).checkCommand(),
  status: async () => (await import('./commands/status.js')).statusCommand(),
  preflight: async () => (await import('./commands/preflight.js')).preflightCommand(),
  apply: async () => (await import('./commands/apply.js')).applyCommand(),
  report: async () => (await import('./commands/report.js')).reportCommand(),
};

/** The program with the command `name` (none for `--version`; all of them when it is none of theirs: help, a typo). */
export async function buildProgram(name?: string): Promise<Command> {
  const program = new Command('pgdrift')
    .description('find, explain and fix PostgreSQL schema drift in Supabase and Prisma projects')
    .version(VERSION)
    .showHelpAfterError('(run pgdrift --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const names = name && Object.hasOwn(COMMANDS, name) ? [name] : name === '--version' || name === '-V' ? [] : Object.keys(COMMANDS);
  for (const cmd of await Promise.all(names.map((n) => COMMANDS[n]!()))) program.addCommand(cmd.exitOverride());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  trace('pgdrift loaded');
  try {
    if (verifiesLiveOnPglite(argv)) (await import('../shadow/pglite.js')).prewarmPglite({ supabase: argv.includes('--supabase'), extensions: [] });
    await (await buildProgram(argv[0])).parseAsync(argv, { from: 'user' });
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
