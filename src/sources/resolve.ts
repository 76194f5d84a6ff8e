/**
 * What a command-line source argument means: a live database URL, a migrations folder, one SQL
 * file, a Prisma schema, or a snapshot. An explicit `kind:PATH` prefix wins over guessing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { isPostgresUrl } from './url.js';

export type SourceSpec =
  | { kind: 'live'; url: string }
  | { kind: 'migrations'; path: string }
  | { kind: 'sql'; path: string }
  | { kind: 'prisma'; path: string }
  | { kind: 'snapshot'; path: string }
  | { kind: 'types'; path: string };

/** A SQL file or migrations folder: a source that is replayed into a shadow to be read. */
export type ReplayedSpec = Extract<SourceSpec, { kind: 'sql' | 'migrations' }>;

export function isReplayed(spec: SourceSpec | undefined): spec is ReplayedSpec {
  return spec?.kind === 'sql' || spec?.kind === 'migrations';
}

const PREFIXES = ['migrations', 'sql', 'prisma', 'snapshot', 'types'] as const;

export function parseSourceSpec(arg: string): SourceSpec {
  if (isPostgresUrl(arg)) return { kind: 'live', url: arg };
  for (const kind of PREFIXES) {
    if (arg.startsWith(`${kind}:`)) {
      const path = arg.slice(kind.length + 1);
      if (!existsSync(path)) throw new UserError(`source not found: ${path}`);
      return { kind, path };
    }
  }
  if (!existsSync(arg)) {
    throw new UserError(
      `source not found: ${arg} (expected a postgres:// URL, a migrations folder, a .sql file, a schema.prisma, a snapshot .json or a database.types.ts)`,
    );
  }
  if (statSync(arg).isDirectory()) {
    const names = readdirSync(arg);
    const prismaOnly = names.some((n) => n.endsWith('.prisma')) && !names.includes('migrations');
    return prismaOnly ? { kind: 'prisma', path: arg } : { kind: 'migrations', path: arg };
  }
  if (arg.endsWith('.sql')) return { kind: 'sql', path: arg };
  if (arg.endsWith('.prisma')) return { kind: 'prisma', path: arg };
  if (arg.endsWith('.json')) return { kind: 'snapshot', path: arg };
  if (arg.endsWith('.ts')) return { kind: 'types', path: arg };
  throw new UserError(`cannot tell what kind of source ${arg} is: name it as sql:${arg}, snapshot:${arg} or prisma:${arg}`);
}
