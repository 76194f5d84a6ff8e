/** Every audit rule, one per file. A new rule is a new file here and one line below. */
import type { AuditRule } from '../types.js';
import { authPerRow } from './auth-per-row.js';
import { authUsersExposed } from './auth-users-exposed.js';
import { duplicateIndex } from './duplicate-index.js';
import { extensionDeprecated } from './extension-deprecated.js';
import { extensionInPublic } from './extension-in-public.js';
import { fkToAuthUnique } from './fk-to-auth-unique.js';
import { fkTypeMismatch } from './fk-type-mismatch.js';
import { fkUnindexed } from './fk-unindexed.js';
import { functionSearchPathMutable } from './function-search-path-mutable.js';
import { graphqlTableExposed } from './graphql-table-exposed.js';
import { materializedViewInApi } from './materialized-view-in-api.js';
import { multiplePermissive } from './multiple-permissive.js';
import { noPrimaryKey } from './no-primary-key.js';
import { policyNullAuthDisjunct } from './policy-null-auth-disjunct.js';
import { policyUsesUserMetadata } from './policy-uses-user-metadata.js';
import { policyWithoutRls } from './policy-without-rls.js';
import { rlsDisabled } from './rls-disabled.js';
import { rlsNoPolicy } from './rls-no-policy.js';
import { rlsNotForced } from './rls-not-forced.js';
import { securityDefinerExecutable } from './security-definer-executable.js';
import { securityDefinerSearchPath } from './security-definer-search-path.js';
import { sensitiveColumnsExposed } from './sensitive-columns-exposed.js';
import { tenantNotIsolated } from './tenant-not-isolated.js';
import { tenantPolicyTrue } from './tenant-policy-true.js';
import { unsupportedRegType } from './unsupported-reg-type.js';
import { viewBypassesRls } from './view-bypasses-rls.js';
import { writePolicyAlwaysTrue } from './write-policy-always-true.js';

export const RULES: AuditRule[] = [
  rlsDisabled,
  policyWithoutRls,
  rlsNoPolicy,
  rlsNotForced,
  tenantNotIsolated,
  tenantPolicyTrue,
  writePolicyAlwaysTrue,
  authPerRow,
  multiplePermissive,
  fkUnindexed,
  duplicateIndex,
  fkTypeMismatch,
  securityDefinerSearchPath,
  viewBypassesRls,
  extensionInPublic,
  extensionDeprecated,
  authUsersExposed,
  noPrimaryKey,
  functionSearchPathMutable,
  policyUsesUserMetadata,
  materializedViewInApi,
  unsupportedRegType,
  fkToAuthUnique,
  sensitiveColumnsExposed,
  graphqlTableExposed,
  securityDefinerExecutable,
  policyNullAuthDisjunct,
];
