/**
 * Privileges (GRANT and REVOKE) in the model: how catalog ACL entries become `grants` (GrantZ), and
 * what must be granted or revoked to turn one object's grants into another's. Pure: the catalog
 * query hands over (grantee, privilege, grantable) triples with the owner already left out.
 */
import { compare } from './normalize.js';
import { quoteIdent } from './ident.js';
import type { DefaultPrivilegeDef, GrantDef } from './types.js';

/** What a GRANT is on: views and materialized views take table privileges. */
export type GrantKind = 'table' | 'column' | 'sequence' | 'function' | 'schema' | 'type';

/**
 * Every privilege of a kind on PostgreSQL 15, which `ALL` stands for. PostgreSQL 17 adds MAINTAIN
 * to tables: a set that holds all of these counts as ALL there too, so that `grant all` reads the
 * same on every major.
 */
const ALL_PRIVILEGES: Record<GrantKind, readonly string[]> = {
  table: ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'],
  column: ['INSERT', 'REFERENCES', 'SELECT', 'UPDATE'],
  sequence: ['SELECT', 'UPDATE', 'USAGE'],
  function: ['EXECUTE'],
  schema: ['CREATE', 'USAGE'],
  type: ['USAGE'],
};

/** What an object of the kind grants when nothing was ever granted or revoked on it. */
const DEFAULT_GRANTS: Record<GrantKind, readonly GrantDef[]> = {
  table: [],
  column: [],
  sequence: [],
  function: [{ grantee: 'PUBLIC', privileges: ['EXECUTE'] }],
  schema: [],
  type: [{ grantee: 'PUBLIC', privileges: ['USAGE'] }],
};

export interface AclEntry {
  grantee: string;
  privilege: string;
  grantable: boolean;
}

const covers = (kind: GrantKind, privileges: Set<string>) => ALL_PRIVILEGES[kind].every((p) => privileges.has(p));
const expand = (kind: GrantKind, privileges: readonly string[]) => (privileges.includes('ALL') ? [...ALL_PRIVILEGES[kind]] : [...privileges]);

/** `ALL` for a full set of a kind that has more than one privilege (a function's is EXECUTE). */
function condense(kind: GrantKind, privileges: Set<string>): string[] {
  return ALL_PRIVILEGES[kind].length > 1 && covers(kind, privileges) ? ['ALL'] : [...privileges].sort(compare);
}

/** The model's grants for an object's ACL entries; undefined when they are the kind's default. */
export function canonicalGrants(kind: GrantKind, entries: readonly AclEntry[]): GrantDef[] | undefined {
  const out = grantList(kind, entries);
  return JSON.stringify(out) === JSON.stringify(DEFAULT_GRANTS[kind]) ? undefined : out;
}

/** ACL entries as grants, per grantee (ALL condensed), with grant option apart. */
export function grantList(kind: GrantKind, entries: readonly AclEntry[]): GrantDef[] {
  const byGrantee = new Map<string, { held: Set<string>; grantable: Set<string> }>();
  for (const e of entries) {
    const g = byGrantee.get(e.grantee) ?? { held: new Set(), grantable: new Set() };
    g.held.add(e.privilege);
    if (e.grantable) g.grantable.add(e.privilege);
    byGrantee.set(e.grantee, g);
  }
  const out: GrantDef[] = [];
  for (const grantee of [...byGrantee.keys()].sort(compare)) {
    const { held, grantable } = byGrantee.get(grantee)!;
    const plain = new Set([...held].filter((p) => !grantable.has(p)));
    if (plain.size) out.push({ grantee, privileges: condense(kind, plain) });
    if (grantable.size) out.push({ grantee, privileges: condense(kind, grantable), withGrantOption: true });
  }
  return out;
}

/** The kind of grant each ON of ALTER DEFAULT PRIVILEGES stands for, and pg_default_acl's letter for it. */
export const DEFAULT_PRIVILEGE_ON = {
  tables: { kind: 'table', letter: 'r' },
  sequences: { kind: 'sequence', letter: 'S' },
  functions: { kind: 'function', letter: 'f' },
  types: { kind: 'type', letter: 'T' },
  schemas: { kind: 'schema', letter: 'n' },
} as const satisfies Record<string, { kind: GrantKind; letter: string }>;

/**
 * What an object of the kind created now in `schema` holds at once: the kind's default, and what the
 * default privileges give (of any role: the one a plan runs as is not known). Undefined: the default.
 */
export function initialGrants(kind: GrantKind, schema: string, defaults: readonly DefaultPrivilegeDef[]): GrantDef[] | undefined {
  const given = defaults.filter((d) => DEFAULT_PRIVILEGE_ON[d.on].kind === kind && (d.schema === undefined || d.schema === schema));
  return given.length ? [...DEFAULT_GRANTS[kind], ...given.flatMap((d) => d.grants)] : undefined;
}

/** What the grants mean: the kind's default where the model holds none. */
export function effectiveGrants(kind: GrantKind, grants: readonly GrantDef[] | undefined): readonly GrantDef[] {
  return grants ?? DEFAULT_GRANTS[kind];
}

/** What one grantee must gain or lose. */
export interface GrantDelta {
  grantee: string;
  grant: string[];
  grantWithOption: string[];
  revoke: string[];
  revokeGrantOption: string[];
  /**
   * The grantee held ALL before: a major's privileges beyond ALL_PRIVILEGES (MAINTAIN) go only
   * with `revoke all`, after which what it keeps is granted again.
   */
  revokeAll: boolean;
  /** What the grantee holds afterwards (plain, and with grant option). */
  after: { plain: string[]; withOption: string[] };
}

function held(kind: GrantKind, grants: readonly GrantDef[], grantee: string, withOption: boolean): Set<string> {
  return new Set(grants.filter((g) => g.grantee === grantee && (!withOption || g.withGrantOption)).flatMap((g) => expand(kind, g.privileges)));
}

/** Per grantee, what turns `from`'s grants into `to`'s (each side as in the model, absent = default). */
export function grantDeltas(kind: GrantKind, fromGrants: readonly GrantDef[] | undefined, toGrants: readonly GrantDef[] | undefined): GrantDelta[] {
  const from = effectiveGrants(kind, fromGrants);
  const to = effectiveGrants(kind, toGrants);
  const grantees = [...new Set([...from, ...to].map((g) => g.grantee))].sort(compare);
  const minus = (a: Set<string>, b: Set<string>) => [...a].filter((p) => !b.has(p)).sort(compare);
  const out: GrantDelta[] = [];
  for (const grantee of grantees) {
    const [heldFrom, heldTo] = [held(kind, from, grantee, false), held(kind, to, grantee, false)];
    const [optionFrom, optionTo] = [held(kind, from, grantee, true), held(kind, to, grantee, true)];
    const hadAll = from.some((g) => g.grantee === grantee && g.privileges.includes('ALL'));
    const revoke = minus(heldFrom, heldTo);
    const delta: GrantDelta = {
      grantee,
      grant: minus(heldTo, heldFrom).filter((p) => !optionTo.has(p)),
      grantWithOption: minus(optionTo, optionFrom),
      revoke,
      revokeGrantOption: minus(optionFrom, optionTo).filter((p) => heldTo.has(p)),
      revokeAll: hadAll && revoke.length > 0,
      after: { plain: minus(heldTo, optionTo), withOption: [...optionTo].sort(compare) },
    };
    if (delta.grant.length || delta.grantWithOption.length || delta.revoke.length || delta.revokeGrantOption.length) out.push(delta);
  }
  return out;
}

/** `select, update` (or `all`), with `(column)` after each privilege for column grants. */
function privilegeList(kind: GrantKind, privileges: string[], column?: string): string {
  const on = column ? ` (${quoteIdent(column)})` : '';
  return condense(kind, new Set(privileges)).map((p) => `${p.toLowerCase()}${on}`).join(', ');
}

/** Privileges for a report: `SELECT, UPDATE`, or `ALL` for a full set. */
export function describePrivileges(kind: GrantKind, privileges: string[]): string {
  return condense(kind, new Set(privileges)).join(', ');
}

const granteeSql = (grantee: string) => (grantee === 'PUBLIC' ? 'public' : quoteIdent(grantee));

/**
 * GRANT and REVOKE statements for a delta. `on` is what follows ON (`table public.posts`,
 * `function public.f(integer)`, `schema api`); `column` makes them column privileges. Revokes come
 * first, so that a privilege moving to or from WITH GRANT OPTION ends right.
 */
export function grantStatements(kind: GrantKind, on: string, delta: GrantDelta, column?: string): string[] {
  const to = granteeSql(delta.grantee);
  if (delta.revokeAll) {
    const regrant = { ...delta, revoke: [], revokeGrantOption: [], revokeAll: false, grant: delta.after.plain, grantWithOption: delta.after.withOption };
    return [`revoke all${column ? ` (${quoteIdent(column)})` : ''} on ${on} from ${to};`, ...grantStatements(kind, on, regrant, column)];
  }
  const out: string[] = [];
  if (delta.revoke.length) out.push(`revoke ${privilegeList(kind, delta.revoke, column)} on ${on} from ${to};`);
  if (delta.revokeGrantOption.length) out.push(`revoke grant option for ${privilegeList(kind, delta.revokeGrantOption, column)} on ${on} from ${to};`);
  if (delta.grant.length) out.push(`grant ${privilegeList(kind, delta.grant, column)} on ${on} to ${to};`);
  if (delta.grantWithOption.length) out.push(`grant ${privilegeList(kind, delta.grantWithOption, column)} on ${on} to ${to} with grant option;`);
  return out;
}

/** Roles that grants name, for a shadow that must have them. */
export function grantees(grants: readonly GrantDef[] | undefined): string[] {
  return (grants ?? []).map((g) => g.grantee).filter((g) => g !== 'PUBLIC');
}

/** Default privileges of two schemas side by side, per role, schema and ON; an absent entry is the baseline. */
export function defaultPrivilegePairs(from: readonly DefaultPrivilegeDef[], to: readonly DefaultPrivilegeDef[]) {
  const id = (d: DefaultPrivilegeDef) => JSON.stringify([d.role, d.schema ?? '', d.on]);
  const before = new Map(from.map((d) => [id(d), d]));
  const after = new Map(to.map((d) => [id(d), d]));
  return [...new Set([...before.keys(), ...after.keys()])].sort(compare).map((k) => {
    const d = (after.get(k) ?? before.get(k))!;
    // In a schema an entry only adds; for every schema it replaces the built-in default.
    const baseline = d.schema !== undefined ? [] : undefined;
    const scope = `for role ${quoteIdent(d.role)}${d.schema !== undefined ? ` in schema ${quoteIdent(d.schema)}` : ''}`;
    return { scope, on: d.on, kind: DEFAULT_PRIVILEGE_ON[d.on].kind, from: before.get(k)?.grants ?? baseline, to: after.get(k)?.grants ?? baseline };
  });
}
