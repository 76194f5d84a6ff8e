/** extension-outdated (splinter 0022): an installed extension older than the version the server offers. */
import { quoteIdent } from '../../model/ident.js';
import type { LiveAuditRule } from './types.js';

export const extensionOutdated: LiveAuditRule = {
  id: 'extension-outdated',
  severity: 'info',
  description: 'extensions should run the version the server provides',
  sql: `select e.extname as name, e.extversion as installed, a.default_version as available
        from pg_extension e join pg_available_extensions a on a.name = e.extname
        where a.default_version is not null and e.extversion <> a.default_version order by 1`,
  findings: (rows) =>
    rows.map((r) => ({
      kind: 'extension',
      object: String(r.name),
      message: `extension ${String(r.name)} is at version ${String(r.installed)}; the server provides ${String(r.available)}`,
      hint: 'read the extension\'s release notes, then update it',
      fix: `alter extension ${quoteIdent(String(r.name))} update;`,
    })),
};
