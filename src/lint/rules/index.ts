/** Every lint rule, one per file with its test beside it. A new rule is a new file and one line here. */
import type { LintRule } from '../types.js';
import { addKeyWithoutIndex } from './add-key-without-index.js';
import { addNotNullColumn } from './add-not-null-column.js';
import { alterDomainAddConstraint } from './alter-domain-add-constraint.js';
import { banCharType } from './ban-char-type.js';
import { columnTypeChange } from './column-type-change.js';
import { concurrentlyInTransaction } from './concurrently-in-transaction.js';
import { conflictingDefinition } from './conflicting-definition.js';
import { constraintNotValid } from './constraint-not-valid.js';
import { createDomainWithConstraint } from './create-domain-with-constraint.js';
import { createIndexNotConcurrently } from './create-index-not-concurrently.js';
import { detachPartitionNotConcurrently } from './detach-partition-not-concurrently.js';
import { dropColumnOrTable } from './drop-column-or-table.js';
import { dropDatabase } from './drop-database.js';
import { dropIndexNotConcurrently } from './drop-index-not-concurrently.js';
import { dropNotNull } from './drop-not-null.js';
import { duplicateDefinition } from './duplicate-definition.js';
import { duplicateVersion } from './duplicate-version.js';
import { enumValueOrdering } from './enum-value-ordering.js';
import { identifierTooLong } from './identifier-too-long.js';
import { indexExpressionNotImmutable } from './index-expression-not-immutable.js';
import { initNotFirst } from './init-not-first.js';
import { malformedName } from './malformed-name.js';
import { missingObject } from './missing-object.js';
import { missingSemicolon } from './missing-semicolon.js';
import { newTableWithoutRls } from './new-table-without-rls.js';
import { notIdempotent } from './not-idempotent.js';
import { preferBigintOverInt } from './prefer-bigint-over-int.js';
import { preferBigintOverSmallint } from './prefer-bigint-over-smallint.js';
import { preferIdentity } from './prefer-identity.js';
import { preferRepack } from './prefer-repack.js';
import { preferRobustStatements } from './prefer-robust-statements.js';
import { preferText } from './prefer-text.js';
import { preferTimestamptz } from './prefer-timestamptz.js';
import { reindexNotConcurrently } from './reindex-not-concurrently.js';
import { renameColumnOrTable } from './rename-column-or-table.js';
import { replayError } from './replay-error.js';
import { requireSchema } from './require-schema.js';
import { requireLockTimeout } from './require-lock-timeout.js';
import { requireStatementTimeout } from './require-statement-timeout.js';
import { setNotNull } from './set-not-null.js';
import { syntaxError } from './syntax-error.js';
import { tableRewrite } from './table-rewrite.js';
import { transactionNesting } from './transaction-nesting.js';
import { truncateCascade } from './truncate-cascade.js';
import { uncommittedTransaction } from './uncommitted-transaction.js';
import { versionOrder } from './version-order.js';

export const LINT_RULES: LintRule[] = [
  syntaxError,
  missingSemicolon,
  replayError,
  missingObject,
  indexExpressionNotImmutable,
  versionOrder,
  initNotFirst,
  duplicateVersion,
  malformedName,
  conflictingDefinition,
  duplicateDefinition,
  notIdempotent,
  addNotNullColumn,
  createIndexNotConcurrently,
  columnTypeChange,
  dropColumnOrTable,
  renameColumnOrTable,
  constraintNotValid,
  newTableWithoutRls,
  // Locks, rewrites, data loss and transactions.
  tableRewrite,
  setNotNull,
  addKeyWithoutIndex,
  dropIndexNotConcurrently,
  reindexNotConcurrently,
  detachPartitionNotConcurrently,
  concurrentlyInTransaction,
  transactionNesting,
  uncommittedTransaction,
  dropNotNull,
  truncateCascade,
  dropDatabase,
  identifierTooLong,
  alterDomainAddConstraint,
  preferRepack,
  // Opt-in (style and policy): off unless the config's rules: turns them on.
  requireLockTimeout,
  requireStatementTimeout,
  createDomainWithConstraint,
  preferBigintOverInt,
  preferBigintOverSmallint,
  preferIdentity,
  preferText,
  preferTimestamptz,
  banCharType,
  requireSchema,
  enumValueOrdering,
  preferRobustStatements,
];
