/**
 * A shadow started before the command's modules load, where the command line alone says one will be
 * needed: `pgdrift plan <postgres://…> …` verifies on a PGlite shadow rebuilt from the model, and the
 * shadow's start (a few tenths of a second) then overlaps with loading the command and reading the
 * databases (network waits, a core left idle). A replayed source is not guessed at: it may come from
 * the replay cache, which starts no database. A wrong guess costs a thread's start-up: plan opens the
 * shadow it needs as it would without one (see prewarmPglite).
 */
import { isPostgresUrl } from '../sources/url.js';

export function verifiesLiveOnPglite(argv: string[]): boolean {
  const [command, from] = argv;
  if (command !== 'plan' || !from || !isPostgresUrl(from) || argv.includes('--no-verify')) return false;
  const shadow = argv.findIndex((a) => a === '--shadow' || a.startsWith('--shadow='));
  const where = shadow < 0 ? 'pglite' : argv[shadow]!.startsWith('--shadow=') ? argv[shadow]!.slice('--shadow='.length) : argv[shadow + 1];
  return where === 'pglite';
}
