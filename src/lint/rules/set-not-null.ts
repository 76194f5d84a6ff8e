/** set-not-null: SET NOT NULL on an existing table scans it under an exclusive lock, unless a validated check proves it. */
import { quoteIdent } from '../../model/ident.js';
import type { LintRule } from '../types.js';
import { at, eachStatement, existingTableCommands } from './walk.js';

/** `CHECK ((col IS NOT NULL))` as pg_get_constraintdef prints it. */
const provesNotNull = (check: string, column: string) => check.replace(/[()\s]/g, '') === `CHECK${quoteIdent(column)}ISNOTNULL`.replace(/\s/g, '');

export const setNotNull: LintRule = {
  id: 'set-not-null',
  severity: 'warning',
  description: 'SET NOT NULL on an existing table scans every row, unless a validated CHECK (col IS NOT NULL) already proves it (PostgreSQL 12+)',
  lock: 'ACCESS EXCLUSIVE on the table during the scan',
  instead: 'add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT NULL (instant on PostgreSQL 12+) and drop the check',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const checks = ctx.probes.get(place.stmt)?.checksBefore ?? [];
      return existingTableCommands(place, 'AT_SetNotNull')
        .filter(({ cmd }) => ctx.pgVersion < 12 || !checks.some((c) => provesNotNull(c, String(cmd.name))))
        .map(({ table, cmd }) =>
          at(place, {
            kind: 'column',
            object: `${table}.${quoteIdent(String(cmd.name))}`,
            message: `SET NOT NULL on ${table}.${quoteIdent(String(cmd.name))} reads every row to check it while blocking reads and writes${ctx.pgVersion < 12 ? ` (PostgreSQL ${ctx.pgVersion} cannot use a check constraint to skip the scan)` : ''}`,
            hint: ctx.pgVersion < 12 ? 'upgrade to PostgreSQL 12+, or run it when the table is small or idle' : setNotNull.instead!,
          }),
        );
    }),
};
