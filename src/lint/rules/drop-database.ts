/** drop-database: a migration that drops a database. */
import { inner } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const dropDatabase: LintRule = {
  id: 'drop-database',
  severity: 'error',
  description: 'migrations must not drop databases',
  instead: 'drop databases by hand, never from a migration that runs on every environment',
  check: (ctx) =>
    eachStatement(ctx, (place) => {
      const d = inner<{ dbname?: string }>(place.stmt, 'DropdbStmt');
      return d ? [at(place, { kind: 'statement', object: String(d.dbname), message: `DROP DATABASE ${String(d.dbname)} deletes a whole database, in every environment this migration runs on`, hint: dropDatabase.instead! })] : [];
    }, { includeFailed: true }),
};
