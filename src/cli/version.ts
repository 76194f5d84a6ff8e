import { createRequire } from 'node:module';

/** pgdrift's own version, from package.json. */
export const VERSION: string = createRequire(import.meta.url)('../../package.json').version;
