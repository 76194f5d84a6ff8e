/** auth-users-exposed (splinter 0002): a view or materialized view in an exposed schema that reads auth.users and the API roles may select. */
import { qualify, quoteIdent } from '../../model/ident.js';
import { relationsRead } from '../expressions.js';
import type { AuditRule } from '../types.js';
import { closedTo } from './scope.js';

export const authUsersExposed: AuditRule = {
  id: 'auth-users-exposed',
  severity: 'error',
  description: 'views and materialized views the API exposes must not read auth.users',
  check: (schema, options) =>
    [...schema.views.map((v) => ({ v, kind: 'view' })), ...schema.materializedViews.map((v) => ({ v, kind: 'materialized view' }))]
      .filter(({ v }) => options.exposedSchemas.includes(v.schema) && relationsRead(v.definition).includes('auth.users') && !closedTo(v, options.roles, ['SELECT']))
      .map(({ v, kind }) => ({
        kind,
        object: qualify(v.schema, v.name),
        message: `${kind} ${qualify(v.schema, v.name)} reads auth.users and ${options.roles.join(' and ')} may select from it: it can hand out every user's email, phone and metadata through the API`,
        hint: 'select only the columns you need from a table of your own (a profiles table kept in step by a trigger), or revoke select on it from the API roles',
        fix: `revoke select on ${qualify(v.schema, v.name)} from ${options.roles.map(quoteIdent).join(', ')};`,
      })),
};
