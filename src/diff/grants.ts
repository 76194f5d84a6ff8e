/** Differences in privileges on one object, one change per role whose privileges differ. */
import { describePrivileges, grantDeltas, type GrantKind } from '../model/grants.js';
import type { GrantDef } from '../model/types.js';
import type { Collector } from './collector.js';

export interface GrantTarget {
  kind: GrantKind;
  /** How reports name the object: `table public.posts`, `function public.f(integer)`. */
  label: string;
  /** The object's identity. */
  object: string;
  table?: string;
}

export function diffGrants(c: Collector, target: GrantTarget, from: GrantDef[] | undefined, to: GrantDef[] | undefined): void {
  const { label, object, table } = target;
  const base = { kind: 'grant' as const, object, ...(table ? { table } : {}) };
  for (const d of grantDeltas(target.kind, from, to)) {
    const attribute = `privileges of ${d.grantee}`;
    const list = (privileges: string[]) => describePrivileges(target.kind, privileges);
    const lacking = [d.grant.length ? list(d.grant) : '', d.grantWithOption.length ? `${list(d.grantWithOption)} with grant option` : ''].filter(Boolean);
    if (lacking.length) {
      c.add({ ...base, action: 'missing', attribute, to: [...d.grant, ...d.grantWithOption], severity: 'error', message: `${d.grantee} lacks ${lacking.join(' and ')} on ${label}` });
    }
    if (d.revoke.length) {
      c.add({ ...base, action: 'extra', attribute, from: d.revoke, severity: 'warning', message: `${d.grantee} holds ${list(d.revoke)} on ${label}, which the source of truth does not grant` });
    }
    if (d.revokeGrantOption.length) {
      c.add({ ...base, action: 'different', attribute, from: d.revokeGrantOption, severity: 'warning', message: `${d.grantee} holds ${list(d.revokeGrantOption)} on ${label} with grant option, which the source of truth does not give` });
    }
  }
}
