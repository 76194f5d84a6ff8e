/** Running the audit rules on a schema, with severities and rules switched off by the config. */
import type { Schema } from '../model/types.js';
import { compare } from '../model/normalize.js';
import { printable } from '../model/ident.js';
import { severityRank, type Severity } from '../diff/types.js';
import { RULES } from './rules/index.js';
import { DEFAULT_AUDIT_OPTIONS, type AuditOptions, type Finding } from './types.js';

export function audit(schema: Schema, options: Partial<AuditOptions> = {}, levels: Record<string, Severity | 'off'> = {}): Finding[] {
  const opts = { ...DEFAULT_AUDIT_OPTIONS, ...options };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const level = levels[rule.id] ?? rule.severity;
    if (level === 'off') continue;
    for (const f of rule.check(schema, opts)) {
      findings.push({ kind: f.kind, rule: rule.id, object: f.object, severity: level, message: printable(f.message), ...(f.hint ? { hint: f.hint } : {}), ...(f.fix ? { fix: f.fix } : {}) });
    }
  }
  return sortFindings(findings);
}

/** Worst first, then by object and rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compare(a.object, b.object) || compare(a.rule, b.rule));
}
