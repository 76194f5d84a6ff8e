/** Why a kind of change matters, in one sentence, for reports. */
import type { ChangeAction, ChangeKind } from './types.js';

const WHY: Partial<Record<`${ChangeKind}:${ChangeAction}`, string>> = {
  'schema:missing': 'Everything the schema holds is missing too.',
  'extension:missing': 'Types, functions and operators of the extension are unavailable; objects that use them cannot be created.',
  'table:missing': 'Every query on this table fails with "relation does not exist".',
  'table:extra': 'Possibly legacy or created by hand; nothing in the source of truth describes it.',
  'column:missing': 'Code that reads or writes this column fails at run time ("column does not exist").',
  'column:extra': 'Not in the source of truth: legacy data, or a change applied by hand.',
  'column:different': 'Writes can fail or values be truncated or coerced; code may read a shape it does not expect.',
  'column:rename': 'A rename written as drop-and-add loses the column\'s data.',
  'table:rename': 'A rename written as drop-and-create loses the table\'s data.',
  'constraint:missing': 'The database accepts rows the source of truth forbids (duplicates, orphans, invalid values).',
  'constraint:different': 'The database enforces a different rule than the source of truth.',
  'index:missing': 'Queries that rely on it scan the whole table; a missing unique index lets duplicates in.',
  'index:different': 'Query plans and uniqueness may differ from what the source of truth expects.',
  'rls:different': 'Without row level security every role with table privileges (in Supabase: anyone with the anon key) can read and write every row.',
  'policy:missing': 'Rows the source of truth lets users reach are denied, or a restriction is not applied.',
  'policy:different': 'Users can reach different rows than the source of truth allows.',
  'policy:extra': 'An extra policy can grant access the source of truth does not.',
  'view:missing': 'Queries on the view fail.',
  'view:different': 'The view returns different data, or bypasses row level security.',
  'function:missing': 'Calls to the function, and triggers or policies that use it, fail.',
  'function:different': 'The function behaves differently than the source of truth.',
  'trigger:missing': 'Side effects the source of truth expects (audit rows, timestamps, derived data) do not happen.',
  'trigger:different': 'The trigger fires at other times or runs other code.',
  'enum:different': 'Writing a value the other side allows fails.',
  'sequence:missing': 'Defaults that call nextval on it fail.',
  'grant:missing': 'What the role does there fails with "permission denied".',
  'grant:extra': 'The role can do more than the source of truth allows; in Supabase, what anon and authenticated are granted is what the Data API exposes.',
};

export function why(kind: ChangeKind, action: ChangeAction): string | undefined {
  return WHY[`${kind}:${action}`];
}
