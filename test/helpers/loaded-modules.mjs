// `node --import ./test/helpers/loaded-modules.mjs …`: every module the process loads (its URL) is
// appended to the file LOADED_MODULES names, one per line: what a command's path through the code needs.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
  import { appendFileSync } from 'node:fs';
  export async function load(url, context, next) {
    appendFileSync(process.env.LOADED_MODULES, url + '\\n');
    return next(url, context);
  }
`));
