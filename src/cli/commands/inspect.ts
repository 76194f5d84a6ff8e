/** `pgdrift inspect <source>`: the model of any source, as text, a summary, or a JSON snapshot. */
import { Command, Option } from 'commander';
import { renderSchema, renderSummary } from '../../report/inspect-text.js';
import { summarize } from '../../report/summary.js';
import type { LoadedSource } from '../../sources/load.js';
import { addCommonOptions, Workspace, type CommonFlags } from '../options.js';

interface InspectFlags extends CommonFlags {
  format: 'text' | 'json' | 'mermaid' | 'dbml';
  summary?: boolean;
}

export function heading(source: LoadedSource): string {
  const parts = [
    source.layout ? `${source.layout} layout` : '',
    source.files !== undefined ? `${source.files} file${source.files === 1 ? '' : 's'}` : '',
    source.engine ? `inspected on ${source.engine}` : '',
  ].filter(Boolean);
  return parts.length ? `${source.label} (${parts.join(', ')})` : source.label;
}

export function inspectCommand(): Command {
  const cmd = new Command('inspect')
    .description('inspect a source (database URL, migrations folder, SQL file, snapshot) and print its schema')
    .argument('<source>', 'postgres://… URL, migrations folder, .sql file, snapshot .json, or a source named in the config')
    .addOption(new Option('--format <format>', 'output format: text, a JSON snapshot, a Mermaid erDiagram (GitHub draws it in markdown) or DBML').choices(['text', 'json', 'mermaid', 'dbml']).default('text'))
    .option('--summary', 'counts per object kind and per schema instead of the full schema');
  return addCommonOptions(cmd).action(async (arg: string, flags: InspectFlags) => {
    // Printing a model parses nothing: the SQL parser is not loaded for it.
    const source = await (await Workspace.open(flags)).loadOne(arg, { parser: false });
    if (flags.format === 'mermaid' || flags.format === 'dbml') {
      const { renderDbml, renderMermaid } = await import('../../report/erd.js');
      process.stdout.write(flags.format === 'mermaid' ? renderMermaid(source.schema) : renderDbml(source.schema));
    } else if (flags.summary) {
      const summary = summarize(source.schema);
      process.stdout.write(flags.format === 'json' ? JSON.stringify(summary, null, 2) + '\n' : renderSummary(summary, heading(source)));
    } else {
      // zod, which writes the snapshot in the model's key order, is loaded only for one.
      process.stdout.write(flags.format === 'json' ? (await import('../../model/snapshot.js')).toSnapshot(source.schema) : renderSchema(source.schema, heading(source)));
    }
  });
}
