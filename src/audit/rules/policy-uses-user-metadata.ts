/** policy-uses-user-metadata (splinter 0015): a policy that trusts the JWT's user_metadata, which every user can edit. */
import { quoteIdent, tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';

/** The policy reads user_metadata out of the caller's JWT (auth.jwt(), or the request.jwt.claims setting). */
const readsUserMetadata = (expr: string | undefined) => expr !== undefined && /user_metadata/.test(expr) && /auth\.jwt\(\)|request\.jwt\.claims/.test(expr);

export const policyUsesUserMetadata: AuditRule = {
  id: 'policy-uses-user-metadata',
  severity: 'error',
  description: "policies must not trust the JWT's user_metadata, which users can change themselves",
  check: (schema) =>
    schema.tables.flatMap((t) =>
      t.policies.filter((p) => readsUserMetadata(p.using) || readsUserMetadata(p.withCheck)).map((p) => ({
        kind: 'policy',
        object: `${tableId(t)}.${quoteIdent(p.name)}`,
        message: `policy ${quoteIdent(p.name)} on ${tableId(t)} reads user_metadata from the JWT: any user can set it with updateUser({ data: … }), so it proves nothing`,
        hint: "use app_metadata (only the service role can write it), or a table of roles the user cannot write: auth.jwt() -> 'app_metadata' ->> 'role'",
      })),
    ),
};
