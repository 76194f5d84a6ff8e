/** malformed-name: a migration whose name the tool does not recognise (and so silently skips, or misorders). */
import type { LintRule } from '../types.js';

const PATTERNS = {
  supabase: { re: /^\d{14}_[A-Za-z0-9_.-]+\.sql$/, expected: '<14-digit timestamp>_<name>.sql, as supabase migration new writes it' },
  prisma: { re: /^\d{14}_[A-Za-z0-9_]+$/, expected: '<14-digit timestamp>_<name>, as prisma migrate dev writes it' },
};

export const malformedName: LintRule = {
  id: 'malformed-name',
  severity: 'warning',
  description: 'migration names must follow the layout of their tool',
  check: (ctx) => {
    if (ctx.layout === 'plain') {
      const versioned = ctx.files.filter((f) => f.version).length;
      if (!versioned || versioned === ctx.files.length) return [];
      return ctx.files.filter((f) => !f.version).map((f) => ({ kind: 'file', object: f.path, file: f.path, line: 1, column: 1, message: `${f.name} has no version prefix while the other migrations do: it runs after all of them`, hint: 'prefix it with a version' }));
    }
    const { re, expected } = PATTERNS[ctx.layout];
    return [...ctx.files, ...ctx.skipped].filter((f) => !re.test(f.name)).map((f) => ({ kind: 'file', object: f.path, file: f.path, line: 1, column: 1, message: `${f.name} is not named ${expected}`, hint: 'rename it; a name the tool does not recognise is skipped or applied out of order' }));
  },
};
