/** detach-partition-not-concurrently: DETACH PARTITION without CONCURRENTLY locks the whole partitioned table. */
import { alterCommands, relationKey, targetTable, type RangeVar } from '../ast.js';
import type { LintRule } from '../types.js';
import { at, eachStatement } from './walk.js';

export const detachPartitionNotConcurrently: LintRule = {
  id: 'detach-partition-not-concurrently',
  severity: 'warning',
  description: 'partitions should be detached CONCURRENTLY',
  lock: 'ACCESS EXCLUSIVE on the partitioned table and the partition',
  instead: 'ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+, outside a transaction block)',
  check: (ctx) =>
    eachStatement(ctx, (place) =>
      alterCommands(place.stmt)
        .filter((c) => c.subtype === 'AT_DetachPartition')
        .map((c) => (c.def as { PartitionCmd: { name: RangeVar; concurrent?: boolean } }).PartitionCmd)
        .filter((p) => !p.concurrent)
        .map((p) => at(place, {
          kind: 'table',
          object: relationKey(p.name),
          message: `detaching ${relationKey(p.name)} from ${relationKey(targetTable(place.stmt)!)} blocks reads and writes of the whole partitioned table`,
          hint: detachPartitionNotConcurrently.instead!,
        })), { includeFailed: true }),
};
