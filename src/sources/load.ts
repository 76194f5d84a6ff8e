/**
 * Loading any source into the model. Migrations and SQL files are parsed, replayed into a shadow
 * database and inspected; live databases are inspected in a read-only transaction; snapshots are
 * read back. The shadow is always closed, whatever happens.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { inspect, DEFAULT_SCOPE, type InspectScope } from '../inspect/inspect.js';
import { withConnection } from '../inspect/live.js';
import { parseSnapshot } from '../model/snapshot.js';
import type { Schema } from '../model/types.js';
import { createShadow, type ShadowChoice } from '../shadow/create.js';
import { displayPath, findMigrations, type MigrationLayout } from './migrations.js';
import { extensionsCreated, parseFiles, replay, type SqlFile } from './replay.js';
import type { SourceSpec } from './resolve.js';
import { loadParser } from './sql.js';
import { maskUrl } from './url.js';

export interface LoadOptions {
  /** Where to replay SQL: `pglite` (default), `embedded`, or a postgres:// URL. */
  shadow?: ShadowChoice;
  /** Replay against Supabase's platform objects; detected from the folder when undefined. */
  supabase?: boolean;
  scope?: InspectScope;
}

export interface LoadedSource {
  schema: Schema;
  /** How the source is named in reports (URLs with the password masked). */
  label: string;
  /** What produced the model: the shadow engine or the live server. */
  engine?: string;
  layout?: MigrationLayout;
  files?: number;
}

export async function loadSource(spec: SourceSpec, options: LoadOptions = {}): Promise<LoadedSource> {
  const scope = options.scope ?? DEFAULT_SCOPE;
  switch (spec.kind) {
    case 'live':
      return withConnection(spec.url, async (client) => {
        const version = (await client.query("select current_setting('server_version') as v")).rows[0].v as string;
        return { schema: await inspect(client, scope), label: maskUrl(spec.url), engine: `PostgreSQL ${version}` };
      });
    case 'snapshot': {
      try {
        return { schema: parseSnapshot(readFileSync(spec.path, 'utf8')), label: displayPath(spec.path) };
      } catch (e) {
        throw new UserError(`${displayPath(spec.path)}: ${(e as Error).message}`);
      }
    }
    case 'sql':
      return replaySource([{ path: displayPath(spec.path), text: readFileSync(spec.path, 'utf8') }], displayPath(spec.path), options.supabase ?? false, options, scope);
    case 'migrations': {
      const folder = findMigrations(spec.path);
      const files = folder.files.map((f) => ({ path: f.path, text: readFileSync(f.path, 'utf8') }));
      const supabase = options.supabase ?? folder.layout === 'supabase';
      const loaded = await replaySource(files, displayPath(folder.dir), supabase, options, scope);
      return { ...loaded, layout: folder.layout };
    }
    case 'prisma':
      throw new UserError(`${spec.path}: Prisma schemas are not supported as a source yet`);
  }
}

async function replaySource(
  files: SqlFile[],
  label: string,
  supabase: boolean,
  options: LoadOptions,
  scope: InspectScope,
): Promise<LoadedSource> {
  await loadParser();
  const parsed = parseFiles(files);
  const shadow = await createShadow(options.shadow ?? 'pglite', { supabase, extensions: extensionsCreated(parsed) });
  try {
    await replay(shadow, parsed);
    return { schema: await inspect(shadow, scope), label, engine: shadow.engine, files: files.length };
  } finally {
    await shadow.close();
  }
}
