/** A style rule about the column types a migration writes: one per rule file, made here. */
import { quoteIdent } from '../../model/ident.js';
import type { LintRule } from '../types.js';
import { writtenTypes, type WrittenType } from './column-types.js';
import { at, eachStatement } from './walk.js';

export function typeRule(id: string, description: string, instead: string, flags: (t: WrittenType) => boolean, why: string): LintRule {
  return {
    id,
    severity: 'info',
    optIn: true,
    description,
    instead,
    check: (ctx) =>
      eachStatement(ctx, (place) =>
        writtenTypes(place.stmt).filter(flags).map((t) =>
          at(place, { kind: 'column', object: `${t.table}.${quoteIdent(t.column)}`, message: `${t.table}.${quoteIdent(t.column)} is ${t.name}${t.modifiers ? '(…)' : ''}: ${why}`, hint: instead })), { includeFailed: true }),
  };
}
