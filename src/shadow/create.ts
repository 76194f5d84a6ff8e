import { UserError } from '../errors.js';
import { isPostgresUrl } from '../sources/url.js';
import { startEmbeddedPostgres } from './embedded.js';
import { createPgliteShadow } from './pglite.js';
import { createServerShadow } from './server.js';
import type { Shadow, ShadowOptions } from './shadow.js';

/** `pglite` (in-process, default), `embedded` (a real server from npm), or a postgres:// URL. */
export type ShadowChoice = string;

/** A shadow; its options may still be on their way (PGlite starts its thread meanwhile). */
export async function createShadow(choice: ShadowChoice, pending: ShadowOptions | Promise<ShadowOptions>): Promise<Shadow> {
  if (choice === 'pglite') return createPgliteShadow(pending);
  const options = await pending;
  if (choice === 'embedded') {
    const server = await startEmbeddedPostgres();
    try {
      return await createServerShadow(server.url, options, server.stop);
    } catch (e) {
      await server.stop();
      throw e;
    }
  }
  if (isPostgresUrl(choice)) return createServerShadow(choice, options);
  throw new UserError(`unknown --shadow ${choice}: use pglite, embedded or a postgres:// URL`);
}
