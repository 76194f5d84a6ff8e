/** prefer-timestamptz (style): timestamp without time zone loses the offset of every value. */
import { typeRule } from './type-rules.js';

export const preferTimestamptz = typeRule('prefer-timestamptz', 'timestamp without time zone columns', 'use timestamptz',
  (t) => t.name === 'timestamp', 'values are stored without their time zone, so two clients in different zones read different instants');
