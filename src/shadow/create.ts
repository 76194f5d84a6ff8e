import { UserError } from '../errors.js';
import { isPostgresUrl } from '../sources/url.js';
import { createPgliteShadow, discardSparePglite, prewarmPglite } from './pglite.js';
import { createRolesSql, type Shadow, type ShadowOptions } from './shadow.js';
import { timeoutSettings } from '../sources/timeouts.js';

// A server shadow's code is loaded only for one: PGlite's thread starts without waiting for it.
const serverShadow = () => import('./server.js').then((m) => m.createServerShadow);

/** `pglite` (in-process, default), `embedded` (a real server from npm), or a postgres:// URL. */
export type ShadowChoice = string;

/** A server shadow opened ahead of need (prewarmShadow), for the choice and base it was opened with. */
let early: { choice: ShadowChoice; supabase: boolean; shadow: Promise<Shadow> } | undefined;

/**
 * Open a shadow now, before its roles and timeout are known: a command that needs one only after
 * reading live databases (a plan's verification of a live <from>) finds it open. The next createShadow
 * of the same choice and base takes it; discardPrewarmed closes one nothing took. A server shadow holds
 * the server's shadow lock while open: only for a command that opens no other shadow on that server.
 */
export function prewarmShadow(choice: ShadowChoice, supabase: boolean): void {
  if (choice === 'pglite') return prewarmPglite({ supabase, extensions: [] });
  if (!isPostgresUrl(choice) || early) return;
  const shadow = serverShadow().then((create) => create(choice, { supabase, extensions: [], roles: [] }));
  shadow.catch(() => undefined);
  early = { choice, supabase, shadow };
}

/** Close what prewarmShadow opened and nothing took. */
export async function discardPrewarmed(): Promise<void> {
  const taken = early;
  early = undefined;
  await taken?.shadow.then((s) => s.close(), () => undefined);
  await discardSparePglite();
}

/** A shadow; its options may still be on their way (PGlite starts its thread meanwhile). */
export async function createShadow(choice: ShadowChoice, pending: ShadowOptions | Promise<ShadowOptions>): Promise<Shadow> {
  if (choice === 'pglite') return createPgliteShadow(pending);
  const options = await pending;
  if (early && early.choice === choice && early.supabase === options.supabase && !options.image) {
    const shadow = await early.shadow;
    early = undefined;
    if (options.roles?.length) await shadow.exec(createRolesSql(options.roles));
    if (options.statementTimeout !== undefined) await shadow.exec(timeoutSettings({ statement: options.statementTimeout }).join('; '));
    return shadow;
  }
  const createServerShadow = await serverShadow();
  if (choice === 'embedded') {
    const server = await (await import('./embedded.js')).startEmbeddedPostgres();
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
