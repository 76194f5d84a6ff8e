/** Where PGlite is installed and which version it is: read without loading PGlite or its engine. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where PGlite's entry point is, with its WebAssembly module beside it. */
export const PGLITE_DIST = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));

/** PGlite's version (its package.json is not exported, so it is read beside the entry point). */
export const PGLITE_VERSION: string = JSON.parse(readFileSync(join(PGLITE_DIST, '..', 'package.json'), 'utf8')).version;
