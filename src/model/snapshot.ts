/**
 * Snapshots: the model written as JSON by `pgdrift inspect --format json`, and read back as a source.
 * The bytes depend only on the schema (no timestamps, no engine), so a snapshot can be committed and
 * compared in review.
 */
import { z } from 'zod';
import { SchemaZ, type Schema } from './types.js';

export const SNAPSHOT_FORMAT = 'pgdrift-snapshot';
/**
 * 2: the model holds grants and marks SQL-standard function bodies. A version 1 snapshot is read as
 * one that cannot say what was granted; its SQL-standard bodies are known by their first word.
 */
export const SNAPSHOT_VERSION = 2;

const SnapshotZ = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.union([z.literal(1), z.literal(SNAPSHOT_VERSION)]),
  schema: SchemaZ,
});

export function toSnapshot(schema: Schema): string {
  // Parsing puts every object's keys in the model's declared order, whoever built it.
  const canonical = SchemaZ.parse(schema);
  return JSON.stringify({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, schema: canonical }, null, 2) + '\n';
}

/** Parse a snapshot; throws an Error whose message says what is wrong and where in the JSON. */
export function parseSnapshot(text: string): { schema: Schema; version: number } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON (${(e as Error).message})`);
  }
  const result = SnapshotZ.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new Error(`not a pgdrift snapshot${where}: ${issue.message}`);
  }
  const { schema, version } = result.data;
  if (version === 1) {
    // A SQL function's string body cannot start with RETURN or BEGIN ATOMIC and run: such a body is SQL-standard.
    for (const f of schema.functions) if (f.language === 'sql' && /^(BEGIN ATOMIC|RETURN)\b/i.test(f.body.trim())) f.standardBody = true;
  }
  return { schema, version };
}
