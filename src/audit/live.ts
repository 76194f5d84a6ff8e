/**
 * The audit checks that need the running database (statistics, data, settings), run on a live source in
 * one read-only transaction, bounded by the timeouts like inspection. Nothing here writes.
 */
import type { Severity } from '../diff/types.js';
import { PLATFORM_SCHEMAS } from '../inspect/scope.js';
import { withConnection } from '../inspect/live.js';
import { printable, quoteLiteral } from '../model/ident.js';
import { DEFAULT_TIMEOUTS, timeoutSettings, type Timeouts } from '../sources/timeouts.js';
import { LIVE_RULES } from './live/index.js';
import type { AuditOptions, Finding } from './types.js';

const textArray = (xs: string[]) => `array[${xs.map(quoteLiteral).join(', ')}]::text[]`;

export interface LiveAudit {
  findings: Finding[];
  /** pg_graphql is installed, so the GraphQL schema lists what the API roles may select. */
  graphql: boolean;
}

export async function auditLive(url: string, options: AuditOptions, levels: Record<string, Severity | 'off'> = {}, bounds: Partial<Timeouts> = {}): Promise<LiveAudit> {
  return withConnection(url, async (client) => {
    await client.query(['begin transaction read only', ...timeoutSettings({ ...DEFAULT_TIMEOUTS, ...bounds }, true)].join('; '));
    try {
      const findings: Finding[] = [];
      for (const rule of LIVE_RULES) {
        const severity = levels[rule.id] ?? rule.severity;
        if (severity === 'off') continue;
        if (rule.requires && !(await client.query('select to_regclass($1) is not null as present', [rule.requires])).rows[0].present) continue;
        const sql = rule.sql.replace(/\{exposed\}/g, textArray(options.exposedSchemas)).replace(/\{roles\}/g, textArray(options.roles)).replace(/\{platform\}/g, textArray(PLATFORM_SCHEMAS));
        for (const f of rule.findings((await client.query(sql)).rows, options)) findings.push({ ...f, rule: rule.id, severity, message: printable(f.message) });
      }
      const graphql = (await client.query("select exists (select 1 from pg_extension where extname = 'pg_graphql') as present")).rows[0].present as boolean;
      return { findings, graphql };
    } finally {
      await client.query('rollback').catch(() => undefined);
    }
  });
}
