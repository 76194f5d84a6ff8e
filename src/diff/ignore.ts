/**
 * Intentional differences: changes matched by the config's ignore rules are set aside, each with
 * the rule's reason, so reports can show them in their own section instead of as drift.
 */
import type { IgnoreRule } from '../config/config.js';
import type { Change, IntentionalChange } from './types.js';

/** `*` matches within one name, `**` across names; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^.]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

const unquoted = (identity: string) => identity.replaceAll('"', '');

function list<T>(v: T | T[] | undefined): T[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

function matches(rule: IgnoreRule, change: Change, sources: string[]): boolean {
  if (rule.sources && !rule.sources.some((s) => sources.includes(s))) return false;
  const kinds = list(rule.kind);
  if (kinds && !kinds.includes(change.kind)) return false;
  const actions = list(rule.action);
  if (actions && !actions.includes(change.action)) return false;
  const re = globToRegExp(rule.object);
  const names = [change.object, unquoted(change.object)];
  // A rule naming a table (without a kind) covers everything about that table.
  if (!kinds && change.table) names.push(change.table, unquoted(change.table));
  return names.some((n) => re.test(n));
}

export function applyIgnores(
  changes: Change[],
  rules: IgnoreRule[],
  sources: string[] = [],
): { changes: Change[]; intentional: IntentionalChange[] } {
  const kept: Change[] = [];
  const intentional: IntentionalChange[] = [];
  for (const change of changes) {
    const rule = rules.find((r) => matches(r, change, sources));
    if (rule) intentional.push({ ...change, reason: rule.reason });
    else kept.push(change);
  }
  return { changes: kept, intentional };
}
