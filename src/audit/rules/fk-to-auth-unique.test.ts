import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('fk-to-auth-unique: a foreign key to a unique key of auth.users other than its primary key', () =>
  offendsAndFixes(
    'fk-to-auth-unique',
    'create table public.profiles (id uuid primary key references auth.users (id), phone text references auth.users (phone));',
    'create table public.profiles (id uuid primary key references auth.users (id), phone text);',
    ['public.profiles.profiles_phone_fkey'],
  ));
