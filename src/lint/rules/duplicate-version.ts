/** duplicate-version: two migrations with the same version: tools apply one, or fail, or apply them in any order. */
import type { LintRule } from '../types.js';

export const duplicateVersion: LintRule = {
  id: 'duplicate-version',
  severity: 'error',
  description: 'migration versions must be unique',
  check: (ctx) => {
    const first = new Map<string, string>();
    return ctx.files.flatMap((f) => {
      if (!f.version) return [];
      const earlier = first.get(f.version);
      if (!earlier) {
        first.set(f.version, f.name);
        return [];
      }
      return [{ kind: 'file', object: f.path, file: f.path, line: 1, column: 1, message: `${f.name} has the same version (${f.version}) as ${earlier}`, hint: 'give one of them a new version (a later timestamp)' }];
    });
  },
};
