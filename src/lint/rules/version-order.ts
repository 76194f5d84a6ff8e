/** version-order: a migration uses a table (alters, references, renames, reads it) that only a later-versioned migration creates. */
import { createdTable, locateByte, namedRelations, relationKey } from '../ast.js';
import type { FindingDraft, LintRule } from '../types.js';

export const versionOrder: LintRule = {
  id: 'version-order',
  severity: 'error',
  description: "a migration's version must come after the versions of the migrations that create what it uses",
  check: (ctx) => {
    const createdIn = new Map<string, number>();
    ctx.files.forEach((f, i) => f.statements.forEach((s) => {
      const t = createdTable(s);
      if (t && !createdIn.has(relationKey(t))) createdIn.set(relationKey(t), i);
    }));
    const out: FindingDraft[] = [];
    ctx.files.forEach((file, i) => {
      for (const stmt of file.statements) {
        const own = createdTable(stmt);
        const seen = new Set<string>();
        for (const t of namedRelations(stmt)) {
          const key = relationKey(t);
          const creator = createdIn.get(key);
          if (t === own || seen.has(key) || creator === undefined || creator <= i) continue;
          seen.add(key);
          const later = ctx.files[creator]!;
          out.push({
            kind: 'table',
            object: key,
            file: file.path,
            ...locateByte(stmt, file.text, t.location),
            message: `${file.name} uses table ${key}, which ${later.name} creates, but ${file.name} runs first (version ${file.version ?? 'none'} < ${later.version ?? 'none'})`,
            hint: `give ${file.name} a version after ${later.version ?? later.name}, or move the statement into a later migration`,
          });
        }
      }
    });
    return out;
  },
};
