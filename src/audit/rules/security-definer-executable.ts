/** security-definer-executable (splinter 0028, 0029): a SECURITY DEFINER function the API roles may call through /rest/v1/rpc. */
import { functionId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { executableBy } from './scope.js';

export const securityDefinerExecutable: AuditRule = {
  id: 'security-definer-executable',
  severity: 'warning',
  description: 'SECURITY DEFINER functions should not be executable by anon or authenticated',
  check: (schema, options) =>
    schema.functions
      // The API calls functions of the schemas it exposes; a trigger function cannot be called directly at all.
      .filter((f) => f.securityDefiner && options.exposedSchemas.includes(f.schema) && f.returns !== 'trigger' && f.returns !== 'event_trigger')
      .flatMap((f) => {
        const roles = options.roles.filter((r) => executableBy(f, r));
        if (!roles.length) return [];
        return [{
          kind: 'function',
          object: functionId(f),
          message: `SECURITY DEFINER ${f.kind} ${functionId(f)} is executable by ${roles.join(' and ')}: it runs with its owner's rights, past row level security, for anyone who calls /rest/v1/rpc/${f.name}`,
          hint: 'revoke execute from public and the API roles (and grant it to the roles that need it), or make it SECURITY INVOKER',
          fix: `revoke execute on ${f.kind} ${functionId(f)} from public, ${roles.join(', ')};`,
        }];
      }),
};
