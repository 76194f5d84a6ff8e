/**
 * A Prisma schema as a source. Prisma's own schema engine writes the SQL Prisma means by the schema
 * (see prisma-engine.ts); that SQL is then replayed and inspected like any other. Prisma's parser
 * (@prisma/prisma-schema-wasm) is used for what the engine does not say: where an error is
 * (file:line:col), which provider the datasource names, and what in a schema written for Prisma 5 or 6
 * the bundled Prisma no longer accepts.
 *
 * Schemas written for older Prisma versions are read as they are: datasource properties that newer
 * Prisma moved out of the schema (`url`, `directUrl`, `shadowDatabaseUrl`) and preview features it no
 * longer knows (`metrics`) say nothing about the database, so they are blanked before the engine sees
 * the schema (kept the same length, so every location stays true) and reported as notes.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LocatedError, UserError } from '../errors.js';
import { prismaSchemaSql, PrismaEngineError } from './prisma-engine.js';
import { byteToCharMapper } from './sql.js';
import { LineIndex } from './line-index.js';
import { readSourceText } from './text.js';
import { displayPath } from './migrations.js';

interface Diagnostic {
  file_name: string;
  start: number;
  end: number;
  text: string;
  is_warning: boolean;
}

type Wasm = { lint(params: string): string; get_config(params: string): string };

function wasm(): Wasm {
  return createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as Wasm;
}

/** The `.prisma` files of a schema: one file, or every .prisma file of a folder (multi-file schemas). */
export function prismaFiles(path: string): [string, string][] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.prisma')).sort().map((f) => join(path, f))
    : [path];
  if (!files.length) throw new UserError(`no .prisma files in ${path}`);
  return files.map((f) => [f, readSourceText(f, displayPath(f))]);
}

/** A located problem or note in a Prisma file. */
function located(files: [string, string][], file: string, byteOffset: number, message: string): LocatedError {
  const text = files.find(([name]) => name === file)?.[1] ?? '';
  return new LocatedError({ file, ...new LineIndex(text).locate(byteToCharMapper(text)(byteOffset)) }, message);
}

const OBSOLETE_PROPERTY = /^The datasource property `(\w+)` is no longer supported/;
const UNKNOWN_PREVIEW = /^The preview feature "(\w+)" is not known/;

export interface PreparedSchema {
  /** The files as the engine gets them. */
  files: [string, string][];
  /** What was set aside, each as `file:line:col: …`. */
  notes: string[];
}

/** Blank what newer Prisma rejects but that says nothing about the database; fail on anything else. */
export function prepareSchema(original: [string, string][]): PreparedSchema {
  const files = original.map(([f, t]) => [f, t] as [string, string]);
  const notes: string[] = [];
  const diagnostics = (JSON.parse(wasm().lint(JSON.stringify(original))) as Diagnostic[]).filter((d) => !d.is_warning);
  // Last first, so earlier offsets stay valid while text is replaced.
  for (const d of [...diagnostics].sort((a, b) => b.start - a.start)) {
    const entry = files.find(([name]) => name === d.file_name);
    if (!entry) continue;
    const toChar = byteToCharMapper(entry[1]);
    const [start, end] = [toChar(d.start), toChar(d.end)];
    const property = OBSOLETE_PROPERTY.exec(d.text)?.[1];
    const feature = UNKNOWN_PREVIEW.exec(d.text)?.[1];
    if (property) {
      entry[1] = entry[1].slice(0, start) + ' '.repeat(end - start) + entry[1].slice(end);
      notes.push(located(original, d.file_name, d.start, `datasource property \`${property}\` ignored (a connection setting; the Prisma version pgdrift runs reads it from prisma.config.ts)`).message);
    } else if (feature) {
      const span = entry[1].slice(start, end);
      const kept = span.replace(new RegExp(`"${feature}"\\s*,?\\s*|,\\s*"${feature}"`), '');
      entry[1] = entry[1].slice(0, start) + kept.padEnd(end - start) + entry[1].slice(end);
      notes.push(located(original, d.file_name, d.start, `preview feature "${feature}" ignored (removed from Prisma; it does not change the database)`).message);
    } else {
      throw located(original, d.file_name, d.start, `${d.text.split('\n')[0]} (fix the Prisma schema)`);
    }
  }
  checkProvider(files);
  return { files, notes: notes.reverse() };
}

/** pgdrift reads PostgreSQL schemas: any other datasource provider is an input error at its line. */
function checkProvider(files: [string, string][]): void {
  const config = JSON.parse(wasm().get_config(JSON.stringify({ prismaSchema: files, datasourceOverrides: {}, ignoreEnvVarErrors: true, env: {} }))) as {
    config?: { datasources?: { provider: string; sourceFilePath: string }[] };
  };
  const datasource = config.config?.datasources?.[0];
  if (!datasource) {
    throw new UserError(`${files[0]![0]}: no datasource block (add \`datasource db { provider = "postgresql" }\`)`);
  }
  if (datasource.provider === 'postgresql' || datasource.provider === 'postgres') return;
  const text = files.find(([f]) => f === datasource.sourceFilePath)?.[1] ?? '';
  const at = /datasource\s+\w+\s*\{[^}]*?(provider\s*=)/.exec(text);
  const offset = at ? at.index + at[0].length - at[1]!.length : 0;
  throw new LocatedError(
    { file: datasource.sourceFilePath, ...new LineIndex(text).locate(offset) },
    `the datasource provider is "${datasource.provider}"; pgdrift compares PostgreSQL schemas only`,
  );
}

export interface PrismaSchema {
  /** The SQL Prisma's engine generates for the schema, from an empty database. */
  sql: string;
  files: string[];
  notes: string[];
  /** Schemas the SQL creates (`@@schema`/multiSchema), which must be inspected even if a platform filter would hide them. */
  schemas: string[];
}

export async function readPrismaSchema(path: string): Promise<PrismaSchema> {
  if (!existsSync(path)) throw new UserError(`source not found: ${path}`);
  const original = prismaFiles(path);
  const prepared = prepareSchema(original);
  let sql: string;
  try {
    sql = await prismaSchemaSql(prepared.files);
  } catch (e) {
    if (!(e instanceof PrismaEngineError)) throw e;
    // The parser found nothing, so this is a validation only the engine does: its first line says what.
    const first = e.message.split('\n').find((l) => l.trim() && !/^error: Error validating/.test(l)) ?? e.message;
    throw new UserError(`${original[0]![0]}: Prisma's schema engine: ${first.replace(/^error:\s*/, '').trim()}`);
  }
  const schemas = [...sql.matchAll(/^CREATE SCHEMA IF NOT EXISTS "((?:[^"]|"")+)";$/gm)].map((m) => m[1]!.replaceAll('""', '"'));
  return { sql, files: original.map(([f]) => f), notes: prepared.notes, schemas };
}
