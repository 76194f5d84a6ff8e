/**
 * policy-null-auth-disjunct (splinter 0030): a permissive read policy whose USING is `auth.uid() IS NULL OR …`
 * (or auth.jwt(), auth.role(), current_setting(…, true)): true for every anonymous session, so it admits every row.
 */
import { parseSync } from 'libpg-query';
import { quoteIdent, tableId } from '../../model/ident.js';
import { sval } from '../../sources/sql.js';
import type { AuditRule } from '../types.js';
import { exposedTables } from './scope.js';

type Node = Record<string, unknown>;

const AUTH_FUNCTIONS = new Set(['auth.uid', 'auth.jwt', 'auth.role']);

/** `auth.uid()` and the like: functions that return NULL for a caller without a session. */
function nullForAnonymous(n: Node | undefined): boolean {
  const call = n?.FuncCall as { funcname?: unknown[]; args?: Node[] } | undefined;
  if (!call) return false;
  const name = (call.funcname ?? []).map(sval).join('.');
  if (AUTH_FUNCTIONS.has(name)) return true;
  // current_setting(name, true) returns NULL when unset; without missing_ok it raises.
  const missingOk = call.args?.[1]?.A_Const as { boolval?: { boolval?: boolean } } | undefined;
  return (name === 'current_setting' || name === 'pg_catalog.current_setting') && missingOk?.boolval?.boolval === true;
}

/** `f() IS NULL`, or `NOT (f() IS NOT NULL)`. */
function isNullCheck(n: Node): boolean {
  const test = n.NullTest as { arg?: Node; nulltesttype?: string } | undefined;
  if (test) return test.nulltesttype === 'IS_NULL' && nullForAnonymous(test.arg);
  const not = n.BoolExpr as { boolop?: string; args?: Node[] } | undefined;
  const inner = not?.boolop === 'NOT_EXPR' ? (not.args?.[0]?.NullTest as { arg?: Node; nulltesttype?: string } | undefined) : undefined;
  return inner?.nulltesttype === 'IS_NOT_NULL' && nullForAnonymous(inner.arg);
}

/** A top-level OR of the expression has a null check of an auth function among its terms. */
export function hasNullAuthDisjunct(expr: string | undefined): boolean {
  if (!expr) return false;
  let tree: Node | undefined;
  try {
    tree = ((parseSync(`select ${expr}`).stmts?.[0]?.stmt as Node).SelectStmt as { targetList: { ResTarget: { val: Node } }[] }).targetList[0]?.ResTarget.val;
  } catch {
    return false;
  }
  const or = tree?.BoolExpr as { boolop?: string; args?: Node[] } | undefined;
  return or?.boolop === 'OR_EXPR' && (or.args ?? []).some(isNullCheck);
}

export const policyNullAuthDisjunct: AuditRule = {
  id: 'policy-null-auth-disjunct',
  severity: 'warning',
  description: 'read policies must not admit every row when the caller has no session (`auth.uid() IS NULL OR …`)',
  check: (schema, options) =>
    exposedTables(schema, options)
      .filter((t) => t.rls.enabled)
      .flatMap((t) =>
        t.policies
          .filter((p) => p.permissive && (p.command === 'select' || p.command === 'all') && p.roles.some((r) => ['public', ...options.roles].includes(r)) && hasNullAuthDisjunct(p.using))
          .map((p) => ({
            kind: 'policy',
            object: `${tableId(t)}.${quoteIdent(p.name)}`,
            message: `policy ${quoteIdent(p.name)} on ${tableId(t)} is true for every caller without a session: its USING is "… IS NULL OR …" on an auth function, so anonymous requests read every row`,
            hint: 'the check almost certainly meant IS NOT NULL AND …; remove the IS NULL alternative',
          })),
      ),
};
