import { test } from 'node:test';
import { offendsAndFixes } from '../../../test/helpers/audit.js';

test('extension-in-public: an extension installed in public', () =>
  offendsAndFixes('extension-in-public', 'create extension citext;', 'create extension citext with schema extensions;', ['citext']));
