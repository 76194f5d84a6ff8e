/** Every lint rule, one per file with its test beside it. A new rule is a new file and one line here. */
import type { LintRule } from '../types.js';
import { addNotNullColumn } from './add-not-null-column.js';
import { columnTypeChange } from './column-type-change.js';
import { conflictingDefinition } from './conflicting-definition.js';
import { constraintNotValid } from './constraint-not-valid.js';
import { createIndexNotConcurrently } from './create-index-not-concurrently.js';
import { dropColumnOrTable } from './drop-column-or-table.js';
import { duplicateDefinition } from './duplicate-definition.js';
import { duplicateVersion } from './duplicate-version.js';
import { indexExpressionNotImmutable } from './index-expression-not-immutable.js';
import { initNotFirst } from './init-not-first.js';
import { malformedName } from './malformed-name.js';
import { missingObject } from './missing-object.js';
import { missingSemicolon } from './missing-semicolon.js';
import { newTableWithoutRls } from './new-table-without-rls.js';
import { notIdempotent } from './not-idempotent.js';
import { renameColumnOrTable } from './rename-column-or-table.js';
import { replayError } from './replay-error.js';
import { syntaxError } from './syntax-error.js';
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
];
