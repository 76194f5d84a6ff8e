/** version-order: a migration touches a table that only a later-versioned migration creates. */
import { createdTable, locateByte, relationKey, targetTable } from '../ast.js';
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
        const t = targetTable(stmt);
        const creator = t ? createdIn.get(relationKey(t)) : undefined;
        if (!t || creator === undefined || creator <= i) continue;
        const later = ctx.files[creator]!;
        out.push({
          kind: 'table',
          object: relationKey(t),
          file: file.path,
          ...locateByte(stmt, file.text, t.location),
          message: `${file.name} uses table ${relationKey(t)}, which ${later.name} creates, but ${file.name} runs first (version ${file.version ?? 'none'} < ${later.version ?? 'none'})`,
          hint: `give ${file.name} a version after ${later.version ?? later.name}, or move the statement into a later migration`,
        });
      }
    });
    return out;
  },
};
