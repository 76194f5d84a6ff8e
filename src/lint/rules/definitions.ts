/**
 * The same policy, function, trigger or index defined in more than one place. A redefinition after a
 * DROP is how migrations change things and is fine; without one, `IF NOT EXISTS` silently keeps the
 * first definition and `OR REPLACE` silently replaces it.
 */
import { functionKey } from './function-key.js';
import type { SqlStatement } from '../../sources/sql.js';
import type { LintContext } from '../types.js';
import { sval, type Node } from '../ast.js';

export interface Redefinition {
  stmt: SqlStatement;
  file: string;
  kind: 'policy' | 'function' | 'trigger' | 'index';
  name: string;
  first: { file: string; line: number };
  same: boolean;
}

const rel = (r: { schemaname?: string; relname: string }) => `${r.schemaname ?? 'public'}.${r.relname}`;

/** Canonical form of a definition: its parse tree without locations and without IF NOT EXISTS / OR REPLACE. */
function canonical(node: unknown): string {
  return JSON.stringify(node, (k, v) => (k === 'location' || k === 'replace' || k === 'if_not_exists' ? undefined : v));
}

function defined(stmt: SqlStatement): { kind: Redefinition['kind']; name: string } | undefined {
  const n = stmt.node;
  if (n.CreatePolicyStmt) {
    const p = n.CreatePolicyStmt as { policy_name: string; table: { relname: string; schemaname?: string } };
    return { kind: 'policy', name: `${p.policy_name} on ${rel(p.table)}` };
  }
  if (n.CreateTrigStmt) {
    const t = n.CreateTrigStmt as { trigname: string; relation: { relname: string; schemaname?: string } };
    return { kind: 'trigger', name: `${t.trigname} on ${rel(t.relation)}` };
  }
  if (n.IndexStmt) {
    const i = n.IndexStmt as { idxname?: string; relation: { schemaname?: string } };
    return i.idxname ? { kind: 'index', name: `${i.relation.schemaname ?? 'public'}.${i.idxname}` } : undefined;
  }
  if (n.CreateFunctionStmt) return { kind: 'function', name: functionKey(n.CreateFunctionStmt as Node) };
  return undefined;
}

function dropped(stmt: SqlStatement): string[] {
  const d = stmt.node.DropStmt as { removeType: string; objects: Node[] } | undefined;
  if (!d) return [];
  return d.objects.map((o) => {
    const items = ((o.List as { items?: unknown[] } | undefined)?.items ?? []).map(sval);
    switch (d.removeType) {
      case 'OBJECT_POLICY':
      case 'OBJECT_TRIGGER': {
        const name = items.pop()!;
        const table = items.length > 1 ? items.join('.') : `public.${items[0]}`;
        return `${d.removeType === 'OBJECT_POLICY' ? 'policy' : 'trigger'}:${name} on ${table}`;
      }
      case 'OBJECT_INDEX':
        return `index:${items.length > 1 ? items.join('.') : `public.${items[0]}`}`;
      case 'OBJECT_FUNCTION':
      case 'OBJECT_PROCEDURE':
        return `function:${functionKey((o.ObjectWithArgs ?? {}) as Node)}`;
      default:
        return '';
    }
  });
}

export function redefinitions(ctx: LintContext): Redefinition[] {
  const seen = new Map<string, { file: string; line: number; body: string }>();
  const out: Redefinition[] = [];
  for (const file of ctx.files) {
    for (const stmt of file.statements) {
      for (const key of dropped(stmt)) seen.delete(key);
      const def = defined(stmt);
      if (!def) continue;
      const key = `${def.kind}:${def.name}`;
      const body = canonical(stmt.node);
      const first = seen.get(key);
      if (first) out.push({ stmt, file: file.path, kind: def.kind, name: def.name, first: { file: first.file, line: first.line }, same: first.body === body });
      else seen.set(key, { file: file.path, line: stmt.line, body });
    }
  }
  return out;
}
