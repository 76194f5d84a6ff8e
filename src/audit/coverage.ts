/**
 * The coverage matrix: for each table, which of SELECT/INSERT/UPDATE/DELETE each role can reach, and
 * through which policies. Where the model holds the table's grants, a role without the privilege
 * reaches nothing whatever the policies say.
 */
import { printable, tableId } from '../model/ident.js';
import type { GrantDef, Schema, TableDef } from '../model/types.js';
import { appliesTo, COMMANDS, type Command } from './policies.js';

export type Reach =
  /** The role holds no privilege for the command on the table or any of its columns. */
  | { kind: 'no privilege' }
  /** RLS is off: policies do not matter, every row is reachable. */
  | { kind: 'no rls' }
  /** No permissive policy applies: no row is reachable. */
  | { kind: 'denied' }
  /** Reachable through these permissive policies, narrowed by these restrictive ones. */
  | { kind: 'policies'; permissive: string[]; restrictive: string[] };

export interface TableCoverage {
  table: string;
  rls: boolean;
  roles: Record<string, Record<Command, Reach>>;
}

/** Roles shown: the configured ones, then every other role a policy names. */
export function coverageRoles(schema: Schema, configured: string[]): string[] {
  const named = schema.tables.flatMap((t) => t.policies.flatMap((p) => p.roles)).filter((r) => r !== 'public' && !configured.includes(r));
  return [...configured, ...[...new Set(named)].sort()];
}

/** Whether the role (or PUBLIC) may run the command on the table; undefined when the model holds no grants for it. */
function privileged(t: TableDef, role: string, command: Command): boolean | undefined {
  if (t.grants === undefined) return undefined;
  const privilege = command.toUpperCase();
  const holds = (grants: GrantDef[] | undefined) =>
    (grants ?? []).some((g) => (g.grantee === role || g.grantee === 'PUBLIC') && (g.privileges.includes('ALL') || g.privileges.includes(privilege)));
  return holds(t.grants) || t.columns.some((c) => holds(c.grants));
}

export function coverage(tables: Schema['tables'], roles: string[]): TableCoverage[] {
  return tables.map((t) => ({
    table: tableId(t),
    rls: t.rls.enabled,
    roles: Object.fromEntries(
      roles.map((role) => [
        role,
        Object.fromEntries(
          COMMANDS.map((command): [Command, Reach] => {
            if (privileged(t, role, command) === false) return [command, { kind: 'no privilege' }];
            if (!t.rls.enabled) return [command, { kind: 'no rls' }];
            const applying = t.policies.filter((p) => appliesTo(p, role, command));
            const permissive = applying.filter((p) => p.permissive).map((p) => p.name);
            if (!permissive.length) return [command, { kind: 'denied' }];
            return [command, { kind: 'policies', permissive, restrictive: applying.filter((p) => !p.permissive).map((p) => p.name) }];
          }),
        ) as Record<Command, Reach>,
      ]),
    ),
  }));
}

export function describeReach(r: Reach): string {
  if (r.kind === 'no privilege') return '- (no grant)';
  if (r.kind === 'no rls') return 'ALL ROWS (no RLS)';
  if (r.kind === 'denied') return '-';
  return printable(r.permissive.join(' | ') + (r.restrictive.length ? ` & ${r.restrictive.join(' & ')}` : ''));
}
