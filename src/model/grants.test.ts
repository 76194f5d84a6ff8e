import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalGrants, grantDeltas, grantStatements, type AclEntry } from './grants.js';

const entries = (grantee: string, privileges: string[], grantable = false): AclEntry[] => privileges.map((privilege) => ({ grantee, privilege, grantable }));
const TABLE_ALL = ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];

describe('canonicalGrants', () => {
  test('one entry per grantee, sorted, a full set as ALL whether or not the major has MAINTAIN', () => {
    assert.deepEqual(canonicalGrants('table', [...entries('web', ['UPDATE', 'SELECT']), ...entries('anon', TABLE_ALL)]), [
      { grantee: 'anon', privileges: ['ALL'] },
      { grantee: 'web', privileges: ['SELECT', 'UPDATE'] },
    ]);
    assert.deepEqual(canonicalGrants('table', entries('anon', [...TABLE_ALL, 'MAINTAIN'])), [{ grantee: 'anon', privileges: ['ALL'] }]);
    assert.deepEqual(canonicalGrants('table', entries('ops', ['MAINTAIN'])), [{ grantee: 'ops', privileges: ['MAINTAIN'] }]);
  });

  test('privileges held with grant option are an entry of their own', () => {
    assert.deepEqual(canonicalGrants('column', [...entries('web', ['SELECT'], true), ...entries('web', ['UPDATE'])]), [
      { grantee: 'web', privileges: ['UPDATE'] },
      { grantee: 'web', privileges: ['SELECT'], withGrantOption: true },
    ]);
  });

  test("a kind's default is no grants; revoking a function's PUBLIC EXECUTE is not", () => {
    assert.equal(canonicalGrants('table', []), undefined);
    assert.equal(canonicalGrants('function', entries('PUBLIC', ['EXECUTE'])), undefined);
    assert.deepEqual(canonicalGrants('function', []), []);
    assert.deepEqual(canonicalGrants('function', [...entries('PUBLIC', ['EXECUTE']), ...entries('web', ['EXECUTE'])]), [
      { grantee: 'PUBLIC', privileges: ['EXECUTE'] },
      { grantee: 'web', privileges: ['EXECUTE'] },
    ]);
  });
});

describe('grantDeltas and grantStatements', () => {
  const sql = (...args: Parameters<typeof grantDeltas>) => grantDeltas(...args).flatMap((d) => grantStatements(args[0], 'table public."My Table"', d));

  test('grants what is lacking and revokes what is extra, quoting grantees', () => {
    const from = [{ grantee: 'Read Only', privileges: ['INSERT', 'SELECT'] }];
    const to = [{ grantee: 'Read Only', privileges: ['SELECT', 'UPDATE'] }, { grantee: 'PUBLIC', privileges: ['SELECT'] }];
    assert.deepEqual(sql('table', from, to), [
      'grant select on table public."My Table" to public;',
      'revoke insert on table public."My Table" from "Read Only";',
      'grant update on table public."My Table" to "Read Only";',
    ]);
    assert.deepEqual(sql('table', to, to), []);
  });

  test('from ALL to less revokes all and grants back what stays (MAINTAIN goes too)', () => {
    assert.deepEqual(sql('table', [{ grantee: 'anon', privileges: ['ALL'] }], [{ grantee: 'anon', privileges: ['SELECT'] }]), [
      'revoke all on table public."My Table" from anon;',
      'grant select on table public."My Table" to anon;',
    ]);
    assert.deepEqual(sql('table', undefined, [{ grantee: 'anon', privileges: ['ALL'] }]), ['grant all on table public."My Table" to anon;']);
  });

  test('moves a privilege to and from WITH GRANT OPTION', () => {
    const plain = [{ grantee: 'web', privileges: ['SELECT'] }];
    const option = [{ grantee: 'web', privileges: ['SELECT'], withGrantOption: true }];
    assert.deepEqual(sql('table', plain, option), ['grant select on table public."My Table" to web with grant option;']);
    assert.deepEqual(sql('table', option, plain), ['revoke grant option for select on table public."My Table" from web;']);
  });

  test("a function's default is PUBLIC EXECUTE; column privileges name the column", () => {
    assert.deepEqual(
      grantDeltas('function', undefined, []).flatMap((d) => grantStatements('function', 'function public.f()', d)),
      ['revoke execute on function public.f() from public;'],
    );
    assert.deepEqual(
      grantDeltas('column', undefined, [{ grantee: 'web', privileges: ['UPDATE'] }]).flatMap((d) => grantStatements('column', 'table public.t', d, 'E-mail')),
      ['grant update ("E-mail") on table public.t to web;'],
    );
  });
});
