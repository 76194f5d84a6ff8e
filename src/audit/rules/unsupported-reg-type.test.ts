import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('unsupported-reg-type: columns of the reg* types pg_upgrade refuses; regclass and regtype are fine', () =>
  offendsAndFixes(
    'unsupported-reg-type',
    'create table public.jobs (id int, handler regproc, cfg regconfig, rel regclass, t regtype);',
    'create table public.jobs (id int, handler text, cfg text, rel regclass, t regtype);',
    ['public.jobs.cfg', 'public.jobs.handler'],
  ));
