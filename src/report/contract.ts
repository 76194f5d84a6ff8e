/**
 * The JSON every command writes with `--format json`, as a contract other tools can build on: each
 * document names its format and version (`{ "format": "pgdrift-diff", "version": 1, … }`), and the
 * zod schemas here are the source of the JSON Schemas shipped in `schemas/` (scripts/schemas.ts writes
 * them; a test checks that they are current and that every command's output validates against them).
 * Objects may gain fields in later versions (they are open); a field changes meaning only with a new
 * version. Loaded only by the schema script and the tests: zod is not on any command's path.
 */
import { z } from 'zod';
import { SchemaZ } from '../model/types.js';
import { JSON_FORMAT_VERSION as JSON_VERSION } from './json.js';

const Severity = z.enum(['error', 'warning', 'info']).describe('error | warning | info');
const counts = { error: z.number().int(), warning: z.number().int(), info: z.number().int() };
const header = (format: string) => ({ format: z.literal(format), version: z.literal(JSON_VERSION) });

const Change = z.looseObject({
  kind: z.string().describe('the kind of object: table, column, index, policy, function, …'),
  action: z.enum(['missing', 'extra', 'different', 'rename']).describe('missing: in <to>, not in <from>; extra: in <from> only; different; rename'),
  object: z.string().describe('the object\'s identity, e.g. public.users.email'),
  severity: Severity,
  message: z.string(),
  table: z.string().optional(),
  attribute: z.string().optional(),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
  renamedTo: z.string().optional(),
  confidence: z.number().optional(),
  why: z.string().optional(),
});

const DiffBody = {
  from: z.string(),
  to: z.string(),
  summary: z.looseObject({ ...counts, intentional: z.number().int(), notExpressible: z.number().int() }),
  changes: z.array(Change),
  intentional: z.array(Change.extend({ reason: z.string() })),
  notExpressible: z.array(Change),
};

const LintFinding = z.looseObject({
  kind: z.string(), rule: z.string(), object: z.string(), severity: Severity, message: z.string(),
  file: z.string(), line: z.number().int(), column: z.number().int(), hint: z.string().optional(), suppressed: z.string().optional(),
});
const LintBody = { source: z.string(), files: z.number().int(), summary: z.looseObject({ ...counts, suppressed: z.number().int() }), findings: z.array(LintFinding) };

const AuditFinding = z.looseObject({ rule: z.string(), kind: z.string(), object: z.string(), severity: Severity, message: z.string(), hint: z.string().optional(), fix: z.string().optional() });

const StatusEntry = z.looseObject({
  kind: z.literal('migration'), object: z.string(),
  state: z.enum(['applied', 'pending', 'out of order', 'edited', 'missing', 'failed', 'rolled back']),
  severity: Severity, message: z.string(), file: z.string().optional(), appliedAt: z.string().optional(),
});
const StatusBody = {
  migrations: z.string(),
  database: z.string(),
  history: z.looseObject({ tool: z.enum(['supabase', 'prisma', 'pgdrift']), table: z.string(), found: z.boolean() }),
  summary: z.record(z.string(), z.number().int()),
  entries: z.array(StatusEntry),
};

const Inspect = z.looseObject({ format: z.literal('pgdrift-snapshot'), version: z.number().int(), schema: SchemaZ });
const Diff = z.looseObject({ ...header('pgdrift-diff'), ...DiffBody });
const Lint = z.looseObject({ ...header('pgdrift-lint'), ...LintBody });
const Audit = z.looseObject({
  ...header('pgdrift-audit'), source: z.string(), summary: z.looseObject(counts), findings: z.array(AuditFinding),
  coverage: z.array(z.looseObject({ table: z.string(), rls: z.boolean(), roles: z.record(z.string(), z.record(z.string(), z.unknown())) })),
});

/** One schema per command, by the name of its file in schemas/. */
export const CONTRACTS = {
  inspect: Inspect,
  diff: Diff,
  check: z.looseObject({
    ...header('pgdrift-check'),
    ok: z.boolean(),
    comparisons: z.array(z.looseObject({ ...DiffBody, failOn: Severity, failed: z.boolean() })),
    unreachable: z.array(z.looseObject({ source: z.string(), error: z.string() })),
  }),
  lint: Lint,
  audit: Audit,
  status: z.looseObject({ ...header('pgdrift-status'), ...StatusBody }),
  preflight: z.looseObject({
    ...header('pgdrift-preflight'),
    status: z.looseObject(StatusBody),
    tried: z.array(z.string()),
    lint: z.looseObject(LintBody),
    drift: z.union([z.looseObject(DiffBody), z.looseObject({ unavailable: z.string() })]),
  }),
  /** The data `pgdrift report` embeds in its page (`<script id="pgdrift-data">`): the documents the other commands print. */
  report: z.looseObject({ ...header('pgdrift-report'), source: z.string(), inspect: Inspect, diff: z.array(Diff), audit: Audit, lint: Lint.optional() }),
} as const;

export type ContractName = keyof typeof CONTRACTS;

/** The JSON Schema of a command's output (draft 2020-12). */
export function jsonSchema(name: ContractName): Record<string, unknown> {
  const title = name === 'report' ? 'pgdrift report: the data in the page (script#pgdrift-data)' : `pgdrift ${name} --format json`;
  return { title, ...z.toJSONSchema(CONTRACTS[name], { unrepresentable: 'any' }) };
}
