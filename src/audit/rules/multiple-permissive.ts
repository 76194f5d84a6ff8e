/** multiple-permissive: several permissive policies for the same role and command are all evaluated, on every row. */
import { tableId } from '../../model/ident.js';
import { appliesTo, COMMANDS } from '../policies.js';
import type { AuditRule } from '../types.js';

export const multiplePermissive: AuditRule = {
  id: 'multiple-permissive',
  severity: 'warning',
  description: 'one permissive policy per role and command: several are ORed and each runs on every row',
  check: (schema, options) =>
    schema.tables.flatMap((t) =>
      options.roles.flatMap((role) =>
        COMMANDS.flatMap((command) => {
          const policies = t.policies.filter((p) => p.permissive && appliesTo(p, role, command));
          if (policies.length < 2) return [];
          return [{
            kind: 'table',
            object: tableId(t),
            message: `table ${tableId(t)} has ${policies.length} permissive policies for ${role} on ${command.toUpperCase()} (${policies.map((p) => p.name).join(', ')}): each is evaluated for every row`,
            hint: 'merge them into one policy whose condition ORs theirs',
          }];
        }),
      ),
    ),
};
