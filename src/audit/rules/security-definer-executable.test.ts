import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

const fn = (name: string, returns = 'int') => `create function public.${name}() returns ${returns} language plpgsql security definer set search_path = '' as $$ begin return null; end $$;`;

test('security-definer-executable: a SECURITY DEFINER function in an exposed schema the API roles may call; not a trigger function', async () => {
  const [f] = await offendsAndFixes(
    'security-definer-executable',
    `${fn('purge')} ${fn('on_signup', 'trigger')} create schema private; create function private.p() returns int language sql security definer as $$ select 1 $$;`,
    `${fn('purge')} revoke execute on function public.purge() from public, anon, authenticated; ${fn('on_signup', 'trigger')}`,
    ['public.purge()'],
  );
  assert.equal(f!.fix, 'revoke execute on function public.purge() from public, anon, authenticated;');
});
