/**
 * Replaying SQL files, statement by statement, into a shadow database. Each statement runs on its
 * own so a failure is pinned to its file, line and column. Two things are adapted on the way:
 * CREATE EXTENSION of an extension the shadow cannot provide fails with advice instead of a bare
 * error, and index options of a stand-in access method (pgvector's `WITH (m = 16)`) are set aside
 * while the index is built and then restored, so the index reads back exactly as written.
 */
import { parseSync } from 'libpg-query';
import { progress } from '../report/progress.js';
import { LocatedError, type SourceLocation } from '../errors.js';
import { pgErrorInfo, type ExtensionRequest, type PgErrorInfo, type Shadow } from '../shadow/shadow.js';
import { byteToCharMapper, firstLine, locateInStatement, splitStatements, type SqlStatement } from './sql.js';
import { LineIndex } from './line-index.js';
import { qualify, quoteIdent } from '../model/ident.js';
import { PLATFORM_SCHEMAS } from '../inspect/scope.js';
import { STATEMENT_TIMEOUT } from './timeouts.js';

export interface SqlFile {
  /** Path as shown to the user. */
  path: string;
  text: string;
}

export interface ParsedFile extends SqlFile {
  statements: SqlStatement[];
}

export function parseFiles(files: SqlFile[]): ParsedFile[] {
  return files.map((f) => ({ ...f, statements: splitStatements(f.path, f.text) }));
}

/** Names of the extensions a set of files creates. */
export function extensionsCreated(files: ParsedFile[]): string[] {
  const names = new Set<string>();
  for (const f of files)
    for (const s of f.statements) {
      const node = s.node.CreateExtensionStmt as { extname?: string } | undefined;
      if (node?.extname) names.add(node.extname);
    }
  return [...names].sort();
}

/** Replay every statement in order; stop at the first failure with a located, one-line error. */
export async function replay(shadow: Shadow, files: ParsedFile[]): Promise<void> {
  const shown = progress('replaying', files.length);
  try {
    for (const [i, file] of files.entries()) {
      shown.step(i, file.path);
      const failed = await runStatements(shadow, file.statements);
      if (failed) throw new LocatedError(locateFailure(failed.stmt, failed.error, file.text), `${failed.error.message} (in: ${firstLine(failed.stmt.text)})`);
    }
  } finally {
    shown.done();
  }
}

export type StatementError = { message: string; code?: string; position?: number };

/**
 * Run statements in order, as runStatement runs each; the first failure, if any. Runs of statements
 * that need nothing adapted go to the shadow in one batch where it takes batches (PGlite's thread:
 * one round trip instead of one per statement).
 */
export async function runStatements(shadow: Shadow, stmts: SqlStatement[]): Promise<{ stmt: SqlStatement; error: StatementError } | undefined> {
  for (let i = 0; i < stmts.length; ) {
    let end = i;
    while (shadow.execEach && end < stmts.length && runsAsWritten(shadow, stmts[end]!)) end++;
    if (end - i > 1) {
      const failed = await shadow.execEach!(stmts.slice(i, end).map((s) => s.text));
      if (!failed) {
        i = end;
        continue;
      }
      const stmt = stmts[i + failed.index]!;
      const error = statementError(shadow, stmt, failed.error, false);
      if (error) return { stmt, error };
      i += failed.index + 1;
      continue;
    }
    const error = await runStatement(shadow, stmts[i]!);
    if (error) return { stmt: stmts[i]!, error };
    i++;
  }
  return undefined;
}

/** A statement runStatement would run exactly as written. */
function runsAsWritten(shadow: Shadow, stmt: SqlStatement): boolean {
  return !extensionRequest(stmt) && !altersPreexistingRole(stmt, shadow.preexistingRoles) && !standinIndexOptions(shadow, stmt);
}

/** Where a failing statement went wrong: Postgres' position, or the missing relation, or the statement. */
export function locateFailure(stmt: SqlStatement, error: { message: string; position?: number }, fileText: string): SourceLocation {
  if (error.position) return locateInStatement(stmt, error.position, fileText);
  return locateMissingRelation(stmt, error.message, fileText) ?? locateMissingName(stmt, error.message, fileText) ?? locateInStatement(stmt, undefined, fileText);
}

/** A missing column, function or type that Postgres did not locate: its first mention in the statement. */
function locateMissingName(stmt: SqlStatement, message: string, fileText: string): SourceLocation | undefined {
  const name = /^(?:column|function|type|schema) "([^"(]+)/.exec(message)?.[1]?.split('.').pop();
  if (!name) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`(?<![\\w$"])"?${escaped}\\b`, 'i').exec(stmt.text)?.index;
  return at === undefined ? undefined : locateInStatement(stmt, at + 1, fileText);
}

/**
 * Postgres reports no position for a missing relation in DDL (`create index on submission`); find
 * the reference in the statement's parse tree instead.
 */
export function locateMissingRelation(stmt: SqlStatement, message: string, fileText: string): SourceLocation | undefined {
  const name = /relation "([^"]+)" does not exist/.exec(message)?.[1];
  if (!name) return undefined;
  let found: number | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    // A RangeVar appears wrapped (`{ RangeVar: {...} }`) or, in typed fields such as IndexStmt.relation, bare.
    const rv = node as { relname?: unknown; schemaname?: string; location?: number };
    if (typeof rv.relname === 'string' && (rv.relname === name || `${rv.schemaname}.${rv.relname}` === name)) found = rv.location;
    else Object.values(node).forEach(visit);
  };
  visit(stmt.node);
  if (found === undefined) return undefined;
  return { file: stmt.file, ...new LineIndex(fileText).locate(byteToCharMapper(fileText)(found)) };
}

/** Run one statement; returns the Postgres error, if any, instead of throwing. */
export async function runStatement(shadow: Shadow, stmt: SqlStatement): Promise<StatementError | undefined> {
  const ext = extensionRequest(stmt);
  if (ext && !shadow.hasExtension(ext.name)) {
    return {
      message:
        `extension "${ext.name}" is not available in the shadow database (${shadow.engine}); ` +
        'replay on a server that has it with --shadow postgres://…',
    };
  }
  if (altersPreexistingRole(stmt, shadow.preexistingRoles)) return undefined;
  const standinIndex = standinIndexOptions(shadow, stmt);
  try {
    if (ext) await shadow.createExtension(ext, stmt.text);
    else await shadow.exec(standinIndex ? standinIndex.sql : stmt.text);
    if (standinIndex) await restoreIndexOptions(shadow, standinIndex);
    return undefined;
  } catch (e) {
    return statementError(shadow, stmt, pgErrorInfo(e), Boolean(standinIndex));
  }
}

/** What a failed statement means for the replay: nothing (it is skipped), or its error to report. */
function statementError(shadow: Shadow, stmt: SqlStatement, info: PgErrorInfo, rewritten: boolean): StatementError | undefined {
  if (shadow.supabase && MISSING_OBJECT.has(info.code ?? '') && onPlatformObjectsOnly(stmt)) return undefined;
  if (info.code === STATEMENT_TIMEOUT) return { message: 'the statement ran longer than the statement timeout allows: fix it, or raise --statement-timeout', code: info.code };
  // A role the server provides (a cluster's application roles) is none of the files' making: name it.
  const role = /^role "((?:[^"]|"")+)" does not exist$/.exec(info.message)?.[1];
  const message = role ? `${info.message}: create it in the migrations, or name it with --role ${quoteIdent(role)} (or "roles" in the config) for the shadow to create` : info.message;
  // A rewritten statement's position is in the text that ran, not in the file.
  return { message, code: info.code, position: rewritten ? undefined : info.position };
}

/** undefined_table, undefined_function, undefined_object, invalid_schema_name. */
const MISSING_OBJECT = new Set(['42P01', '42883', '42704', '3F000']);

type Names = { String?: { sval?: string } }[];
/** A parse-tree node, read loosely: only the fields below are looked at. */
type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const schemaOf = (names: Names | undefined) => (names && names.length > 1 ? names[0]?.String?.sval : undefined);

/**
 * Whether the statement only grants, revokes, re-owns or comments on objects in platform schemas. A
 * `supabase db pull` dump of a project on another platform version names platform objects this base
 * does not have (`grant all on table auth.sso_sessions to dashboard_user`: Auth dropped that table in
 * 2022). Such a statement changes nothing the project made, so where its object is missing it is
 * skipped.
 */
export function onPlatformObjectsOnly(stmt: SqlStatement): boolean {
  const [kind, node] = Object.entries(stmt.node)[0] as [string, Node];
  const schemas: (string | undefined)[] = [];
  const object = (o: Node) => {
    if (o.RangeVar) schemas.push(o.RangeVar.schemaname);
    else if (o.ObjectWithArgs) schemas.push(schemaOf(o.ObjectWithArgs.objname));
    else if (o.List) schemas.push(schemaOf(o.List.items));
    else schemas.push(undefined);
  };
  if (kind === 'GrantStmt' && node.targtype === 'ACL_TARGET_OBJECT') {
    for (const o of (node.objects ?? []) as Node[]) {
      if (node.objtype === 'OBJECT_SCHEMA') schemas.push(o.String?.sval);
      else object(o);
    }
  } else if (kind === 'AlterTableStmt' && ((node.cmds ?? []) as Node[]).every((c) => c.AlterTableCmd?.subtype === 'AT_ChangeOwner')) {
    schemas.push(node.relation?.schemaname);
  } else if (kind === 'AlterOwnerStmt' || kind === 'CommentStmt') {
    if (node.object) object(node.object);
  } else return false;
  return schemas.length > 0 && schemas.every((s) => s !== undefined && PLATFORM_SCHEMAS.includes(s));
}

function extensionRequest(stmt: SqlStatement): ExtensionRequest | undefined {
  const node = stmt.node.CreateExtensionStmt as { extname?: string; if_not_exists?: boolean; options?: DefElem[] } | undefined;
  if (!node?.extname) return undefined;
  const schema = node.options?.find((o) => o.DefElem.defname === 'schema')?.DefElem.arg;
  return { name: node.extname, ifNotExists: Boolean(node.if_not_exists), ...(schema ? { schema: defElemValue(schema) } : {}) };
}

type RoleSpec = { RoleSpec?: { rolename?: string } } | { rolename?: string };
const roleName = (r: RoleSpec | undefined): string | undefined => (r && 'RoleSpec' in r ? r.RoleSpec?.rolename : (r as { rolename?: string } | undefined)?.rolename);

/**
 * Statements that change a role the server had before the shadow was made: its attributes, its
 * settings, its membership, or a database-wide setting. Roles and databases belong to the whole
 * server, so a shadow on a user's server must not touch them, and none of it changes the schema a
 * migration leaves behind. They are skipped, on every shadow alike.
 */
export function altersPreexistingRole(stmt: SqlStatement, preexisting: ReadonlySet<string>): boolean {
  const [kind, node] = Object.entries(stmt.node)[0] as [string, Record<string, unknown>];
  const has = (r: unknown) => {
    const name = roleName(r as RoleSpec);
    return name !== undefined && preexisting.has(name);
  };
  switch (kind) {
    case 'CreateRoleStmt':
      return preexisting.has(String(node.role));
    case 'AlterRoleStmt':
    case 'AlterRoleSetStmt':
      return has(node.role);
    case 'GrantRoleStmt': {
      const granted = (node.granted_roles as { AccessPriv?: { priv_name?: string } }[] | undefined) ?? [];
      const grantees = (node.grantee_roles as unknown[] | undefined) ?? [];
      return grantees.every(has) && granted.every((g) => preexisting.has(String(g.AccessPriv?.priv_name)));
    }
    case 'GrantStmt':
      return node.objtype === 'OBJECT_DATABASE';
    case 'AlterDatabaseStmt':
    case 'AlterDatabaseSetStmt':
      return true;
    default:
      return false;
  }
}

interface StandinIndex {
  sql: string;
  relation: string;
  options: string[];
}

type DefElem = { DefElem: { defname: string; arg?: Record<string, Record<string, unknown>>; location: number } };

function standinIndexOptions(shadow: Shadow, stmt: SqlStatement): StandinIndex | undefined {
  const node = stmt.node.IndexStmt as { accessMethod?: string; options?: DefElem[] } | undefined;
  if (!node?.accessMethod || !shadow.standinAccessMethods.has(node.accessMethod) || !node.options?.length) return undefined;
  // Re-parse the statement alone so locations are relative to its own text.
  type OwnIndex = { IndexStmt: { options: DefElem[]; relation: { schemaname?: string; relname: string } } };
  const own = (parseSync(stmt.text).stmts![0]!.stmt as unknown as OwnIndex).IndexStmt;
  const charAt = byteToCharMapper(stmt.text);
  const firstOption = charAt(own.options[0]!.DefElem.location);
  const open = stmt.text.lastIndexOf('(', firstOption);
  const withAt = stmt.text.slice(0, open).search(/with\s*$/i);
  const close = matchingParen(stmt.text, open);
  if (withAt < 0 || close < 0) return undefined;
  const options = own.options.map(({ DefElem: d }) => `${d.defname}=${defElemValue(d.arg)}`);
  const rel = own.relation;
  return {
    sql: stmt.text.slice(0, withAt) + stmt.text.slice(close + 1),
    relation: rel.schemaname ? qualify(rel.schemaname, rel.relname) : quoteIdent(rel.relname),
    options,
  };
}

function defElemValue(arg: DefElem['DefElem']['arg']): string {
  const entry = Object.entries(arg ?? {})[0];
  if (!entry) return 'true';
  const [type, value] = entry;
  if (type === 'Integer') return String(value.ival ?? 0);
  if (type === 'Float') return String(value.fval);
  if (type === 'Boolean') return String(value.boolval ?? false);
  return String(value.sval ?? '');
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      i = text.indexOf("'", i + 1);
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

async function restoreIndexOptions(shadow: Shadow, index: StandinIndex): Promise<void> {
  const options = `{${index.options.join(',')}}`;
  await shadow.exec(
    `update pg_class set reloptions = '${options.replaceAll("'", "''")}'::text[] where oid = ` +
      `(select max(indexrelid) from pg_index where indrelid = '${index.relation.replaceAll("'", "''")}'::regclass)`,
  );
}
