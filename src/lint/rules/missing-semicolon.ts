/** missing-semicolon: two statements run together because one does not end with a semicolon. */
import type { LintRule } from '../types.js';
import { looksLikeMissingSemicolon, semicolonPlace } from '../parse.js';

export const missingSemicolon: LintRule = {
  id: 'missing-semicolon',
  severity: 'error',
  description: 'statements must end with a semicolon',
  check: (ctx) =>
    ctx.syntaxErrors.filter(looksLikeMissingSemicolon).map((e) => {
      const text = ctx.files.find((f) => f.path === e.file)!.text;
      const place = semicolonPlace(text, e);
      const keyword = /at or near "([^"]*)"/.exec(e.message)?.[1];
      return {
        kind: 'statement',
        object: e.file,
        file: e.file,
        ...place,
        message: `missing semicolon: the statement ending here runs together with the "${keyword}" statement on line ${e.line} (${e.message})`,
        hint: 'end the statement with ;',
      };
    }),
};
