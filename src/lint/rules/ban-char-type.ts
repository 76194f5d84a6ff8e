/** ban-char-type (style): char(n) pads with spaces and is never faster than text. */
import { typeRule } from './type-rules.js';

export const banCharType = typeRule('ban-char-type', 'char(n) columns', 'use text (or varchar)',
  (t) => ['bpchar', 'char', 'character', '"char"'].includes(t.name.replace(/\[\]$/, '')), 'it pads values with spaces and compares them trimmed; it is never faster than text');
