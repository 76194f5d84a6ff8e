/** security-definer-search-path: a SECURITY DEFINER function whose search_path the caller controls. */
import { functionId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { fixesSearchPath } from './scope.js';

export const securityDefinerSearchPath: AuditRule = {
  id: 'security-definer-search-path',
  severity: 'error',
  description: 'SECURITY DEFINER functions must fix their search_path',
  check: (schema) =>
    schema.functions
      .filter((f) => f.securityDefiner && !fixesSearchPath(f))
      .map((f) => ({
        kind: 'function',
        object: functionId(f),
        message: `${f.kind} ${functionId(f)} is SECURITY DEFINER without a fixed search_path: a caller who creates objects on their search_path can make it run their code with its owner's rights`,
        hint: "set search_path to '' and schema-qualify every name in the body",
        fix: `alter ${f.kind} ${functionId(f)} set search_path = '';`,
      })),
};
