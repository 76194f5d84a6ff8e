/** prefer-text (style): varchar(n) limits are changed by ALTER TYPE, a CHECK on length is cheaper to change. */
import { typeRule } from './type-rules.js';

export const preferText = typeRule('prefer-text', 'varchar(n) columns', 'use text, with CHECK (length(col) <= n) if the limit matters',
  (t) => t.name === 'varchar' && t.modifiers > 0, 'changing the limit later takes an exclusive lock; text with a CHECK on its length can be changed NOT VALID');
