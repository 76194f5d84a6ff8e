/**
 * The config file's schema (zod): what each key may hold, and the defaults. Loaded only when a config
 * file is read, so a command without one does not pay for zod.
 */
import { z } from 'zod';

const SeverityZ = z.enum(['error', 'warning', 'info']);
const KindZ = z.enum([
  'schema', 'extension', 'collation', 'enum', 'domain', 'type', 'sequence', 'table', 'column', 'constraint', 'index',
  'rls', 'policy', 'view', 'materialized view', 'function', 'trigger', 'publication', 'grant', 'comment',
]);
const oneOrMany = <T extends z.ZodTypeAny>(t: T) => z.union([t, z.array(t)]);

export const IgnoreRuleZ = z.object({
  /** Glob over object identities: `*` within one name, `**` across names (`public.*.organization_id`). */
  object: z.string(),
  kind: oneOrMany(KindZ).optional(),
  action: oneOrMany(z.enum(['missing', 'extra', 'different', 'rename'])).optional(),
  /** Only when comparing these sources (by name), e.g. the tenant databases. */
  sources: z.array(z.string()).optional(),
  reason: z.string().min(1, 'say why the difference is intentional'),
});

export const ConfigZ = z
  .object({
    sources: z.record(z.string(), oneOrMany(z.string())).default({}),
    check: z
      .array(z.object({ from: z.string(), to: z.string(), failOn: SeverityZ.optional() }))
      .default([]),
    ignore: z.array(IgnoreRuleZ).default([]),
    renames: z
      .array(
        z.object({
          kind: z.enum(['table', 'column']).default('column'),
          from: z.string(),
          to: z.string(),
          confirmed: z.boolean().default(true),
        }),
      )
      .default([]),
    rules: z.record(z.string(), z.enum(['error', 'warning', 'info', 'off'])).default({}),
    lint: z
      .object({
        /** Each migration file runs in one transaction (default: for Supabase and Prisma folders). */
        assumeInTransaction: z.boolean().optional(),
        /** The PostgreSQL major version production runs. */
        pgVersion: z.number().int().min(9).optional(),
      })
      .strict()
      .default({}),
    audit: z
      .object({
        exposedSchemas: z.array(z.string()).optional(),
        tenantColumns: z.array(z.string()).optional(),
        forceRls: z.array(z.string()).optional(),
        roles: z.array(z.string()).optional(),
      })
      .strict()
      .default({}),
    failOn: SeverityZ.optional(),
    shadow: z.string().optional(),
    supabase: z.boolean().optional(),
    schemas: z.array(z.string()).optional(),
    /** Roles for the shadow to create before replay (--role). */
    roles: z.array(z.string()).optional(),
    /** Defaults for --statement-timeout and --lock-timeout, in seconds. */
    statementTimeout: z.number().positive().optional(),
    lockTimeout: z.number().positive().optional(),
  })
  .strict();

/** The config, and the file it came from (none when there is no config file). */
export type Config = z.infer<typeof ConfigZ> & { file?: string };
export type IgnoreRule = z.infer<typeof IgnoreRuleZ>;

