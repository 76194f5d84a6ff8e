/** init-not-first: a migration named as the initial one that does not run first. */
import type { LintRule } from '../types.js';

export const initNotFirst: LintRule = {
  id: 'init-not-first',
  severity: 'warning',
  description: 'a migration named init (or initial) must be the first to run',
  check: (ctx) =>
    ctx.files.slice(1).filter((f) => /(^|[^a-z])init(ial)?([^a-z]|$)/i.test(f.name)).map((f) => ({
      kind: 'file',
      object: f.path,
      file: f.path,
      line: 1,
      column: 1,
      message: `${f.name} looks like the initial migration but runs after ${ctx.files[0]!.name}`,
      hint: 'give it the lowest version, or rename it if it is not the initial migration',
    })),
};
