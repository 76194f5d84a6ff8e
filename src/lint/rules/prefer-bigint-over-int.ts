/** prefer-bigint-over-int (style): 32-bit integer keys run out at 2.1 billion. */
import { typeRule } from './type-rules.js';

export const preferBigintOverInt = typeRule('prefer-bigint-over-int', 'integer and serial columns (a 32-bit key runs out)', 'use bigint (or bigserial / bigint generated as identity)',
  (t) => ['int4', 'int', 'integer', 'serial', 'serial4'].includes(t.name), 'it holds at most 2,147,483,647, and widening it later rewrites the table');
