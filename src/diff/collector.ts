/** Accumulates changes, leaving out kinds the comparison cannot judge and adding why each matters. */
import { printable } from '../model/ident.js';
import type { Change, ChangeKind } from './types.js';
import { why } from './why.js';

export class Collector {
  readonly changes: Change[] = [];
  constructor(private readonly skip: ReadonlySet<ChangeKind> = new Set()) {}

  add(change: Change): void {
    if (this.skip.has(change.kind)) return;
    const reason = change.why ?? why(change.kind, change.action);
    // Messages quote catalog text (definitions, types): no control character of it reaches a report.
    const safe = { ...change, message: printable(change.message) };
    this.changes.push(reason ? { ...safe, why: reason } : safe);
  }

  /** A comment that differs: info. */
  comment(object: string, from: string | undefined, to: string | undefined, table?: string): void {
    if ((from ?? '') === (to ?? '')) return;
    this.add({
      kind: 'comment',
      action: 'different',
      object,
      ...(table ? { table } : {}),
      from,
      to,
      severity: 'info',
      message: to === undefined ? `${object} has a comment the source of truth does not` : `comment on ${object} differs`,
    });
  }
}
