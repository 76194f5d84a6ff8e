/** extension-in-public: an extension installed in the public schema exposes its functions through the API. */
import { quoteIdent } from '../../model/ident.js';
import type { AuditRule } from '../types.js';

export const extensionInPublic: AuditRule = {
  id: 'extension-in-public',
  severity: 'warning',
  description: 'extensions belong in their own schema (Supabase: extensions), not in public',
  check: (schema) =>
    schema.extensions
      .filter((e) => e.schema === 'public')
      .map((e) => ({
        kind: 'extension',
        object: e.name,
        message: `extension ${e.name} is installed in public: its functions and types are exposed through the API and clutter the project's schema`,
        fix: `alter extension ${quoteIdent(e.name)} set schema extensions;`,
      })),
};
