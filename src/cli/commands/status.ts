/** `pgdrift status <migrations> <database>`: which migrations the database ran, as the folder's own tool recorded them. */
import { jsonDocument } from '../../report/json.js';
import { Command, Option } from 'commander';
import { historyTool, readHistory } from '../../history/history.js';
import { migrationStatus, readFolder } from '../../history/status.js';
import { withConnection } from '../../inspect/live.js';
import { makeStatusReport, needsAttention, renderStatusMarkdown, renderStatusText } from '../../report/status-report.js';
import { useColor } from '../../report/color.js';
import { displayPath, findMigrations } from '../../sources/migrations.js';
import { DEFAULT_TIMEOUTS, timeoutSettings } from '../../sources/timeouts.js';
import { maskUrl } from '../../sources/url.js';
import { EXIT } from '../exit.js';
import { oneSource, Workspace, type CommonFlags } from '../options.js';
import { loadParser } from '../../sources/sql.js';

interface StatusFlags extends Pick<CommonFlags, 'config'> {
  format: 'text' | 'json' | 'markdown';
}

export function statusCommand(): Command {
  return new Command('status')
    .description('which migrations of a folder a database has applied, as its tool (Supabase CLI, Prisma Migrate, pgdrift) recorded them: exit 1 when any is pending, edited, missing, failed or out of order')
    .argument('<migrations>', 'a migrations folder, or a source named in the config')
    .argument('<database>', 'a postgres:// URL, or a source named in the config')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--config <file>', 'config file (default: pgdrift.config.{json,yaml,yml,ts,js} in this folder)')
    .action(async (migrationsArg: string, databaseArg: string, flags: StatusFlags) => {
      const ws = await Workspace.open(flags);
      const folder = findMigrations(oneSource(ws.config, migrationsArg, 'migrations', 'a migrations folder').path);
      const { url } = oneSource(ws.config, databaseArg, 'live', 'a database (postgres://…)');
      const files = readFolder(folder);
      await loadParser();
      const tool = historyTool(folder.layout);
      const settings = timeoutSettings({ ...DEFAULT_TIMEOUTS, ...ws.timeouts }, true);
      const history = await withConnection(url, (client) => readHistory(client, tool, url, settings));
      const report = makeStatusReport(displayPath(folder.dir), maskUrl(url), history, migrationStatus(folder.layout, files, history));
      process.stdout.write(flags.format === 'json' ? jsonDocument('status', report) : flags.format === 'markdown' ? renderStatusMarkdown(report) : renderStatusText(report, useColor()));
      if (needsAttention(report)) process.exitCode = EXIT.findings;
    });
}
