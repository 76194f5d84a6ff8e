/** The config's `rules:` must name rules that exist: a misspelt id would otherwise be silently ignored. */
import { LIVE_RULES } from '../audit/live/index.js';
import { RULES } from '../audit/rules/index.js';
import { nameSimilarity } from '../diff/renames.js';
import { UserError } from '../errors.js';
import { LINT_RULES } from '../lint/rules/index.js';

export function checkRuleIds(levels: Record<string, unknown>, file = 'the config'): void {
  const known = [...LINT_RULES, ...RULES, ...LIVE_RULES].map((r) => r.id);
  for (const id of Object.keys(levels)) {
    if (known.includes(id)) continue;
    const near = known.map((k) => [k, nameSimilarity(id, k)] as const).sort((a, b) => b[1] - a[1])[0];
    throw new UserError(`${file}: rules: there is no rule ${id}${near && near[1] > 0.6 ? `; did you mean ${near[0]}?` : ''} (pgdrift lint --explain <rule> describes a lint rule; the README lists them all)`);
  }
}
