/** function-search-path-mutable (splinter 0011): a function that resolves names through whatever search_path its caller has. */
import { functionId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { fixesSearchPath, isUserSchema } from './scope.js';

export const functionSearchPathMutable: AuditRule = {
  id: 'function-search-path-mutable',
  severity: 'warning',
  description: 'functions should fix their search_path',
  check: (schema) =>
    schema.functions
      // SECURITY DEFINER functions are security-definer-search-path's finding, an error.
      .filter((f) => isUserSchema(f.schema) && !f.securityDefiner && !fixesSearchPath(f))
      .map((f) => ({
        kind: 'function',
        object: functionId(f),
        message: `${f.kind} ${functionId(f)} has no fixed search_path: the names in its body resolve through the caller's search_path, so it may call another object of the same name`,
        hint: "set search_path to '' and schema-qualify every name in the body",
        fix: `alter ${f.kind} ${functionId(f)} set search_path = '';`,
      })),
};
