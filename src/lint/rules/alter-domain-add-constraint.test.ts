import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintStatements, places } from '../../../test/helpers/lint.js';

test('alter-domain-add-constraint: ADD CONSTRAINT on a domain, unless NOT VALID; other ALTER DOMAIN forms are not', async () => {
  const findings = await lintStatements({ '1_a.sql': 'alter domain d add constraint c check (value > 0);\nalter domain d add constraint c2 check (value > 0) not valid;\nalter domain d validate constraint c2;\nalter domain d set not null;\n' }, { rules: ['alter-domain-add-constraint'] });
  assert.deepEqual(places(findings), ['1_a.sql:1']);
});
