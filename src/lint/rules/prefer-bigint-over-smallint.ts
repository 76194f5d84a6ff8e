/** prefer-bigint-over-smallint (style): smallint runs out at 32,767. */
import { typeRule } from './type-rules.js';

export const preferBigintOverSmallint = typeRule('prefer-bigint-over-smallint', 'smallint and smallserial columns', 'use bigint (or integer where the range is known)',
  (t) => ['int2', 'smallint', 'smallserial', 'serial2'].includes(t.name), 'it holds at most 32,767, and widening it later rewrites the table');
