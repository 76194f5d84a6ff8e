/** Options shared by every command that reads a source. */
import { Option, type Command } from 'commander';
import { DEFAULT_SCOPE, type InspectScope } from '../inspect/inspect.js';
import type { LoadOptions } from '../sources/load.js';

export interface SourceFlags {
  shadow: string;
  supabase?: boolean;
  schema?: string[];
}

export function addSourceOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--shadow <where>', 'where SQL is replayed: pglite (embedded, default), embedded (a real server from npm) or a postgres:// URL').default('pglite'),
    )
    .option('--supabase', 'replay against the objects Supabase provides (detected for supabase/migrations)')
    .option('--no-supabase', 'replay on a bare Postgres even for a supabase/migrations folder')
    .option('--schema <name...>', 'inspect only these schemas (default: all but system and platform schemas)');
}

export function loadOptions(flags: SourceFlags): LoadOptions {
  const scope: InspectScope = flags.schema?.length
    ? { excludeSchemas: [], includeSchemas: flags.schema }
    : DEFAULT_SCOPE;
  return { shadow: flags.shadow, supabase: flags.supabase, scope };
}
