/**
 * Catalog rows → the model. Pure: no database here. Postgres' single-letter codes become words,
 * empty optional fields are dropped, and everything is sorted (see model/normalize).
 */
import type {
  ConstraintDef,
  ConstraintType,
  ForeignKeyAction,
  FunctionDef,
  IndexDef,
  ObjectRef,
  PolicyCommand,
  PolicyDef,
  PublicationDef,
  Schema,
  TableDef,
  TriggerDef,
  Volatility,
} from '../model/types.js';
import { emptySchema } from '../model/empty.js';
import { columnId, qualify, tableId } from '../model/ident.js';
import { identityOptionsText, type SequenceValues } from '../model/identity-options.js';
import { normalizeSchema } from '../model/normalize.js';
import type { CatalogRows } from './inspect.js';
import { normalizeViewDefinition } from './viewdef.js';
import { PLATFORM_TABLES, type PlatformTableState } from './platform-tables.js';
import { PLATFORM_EXTENSIONS, PLATFORM_GRANTEES, PLATFORM_PUBLICATIONS } from '../model/platform.js';
import { canonicalGrants, DEFAULT_PRIVILEGE_ON, grantList, type AclEntry, type GrantKind } from '../model/grants.js';

type Row = Record<string, unknown>;

const str = (v: unknown): string => (v == null ? '' : String(v));
const opt = (v: unknown): string | undefined => (v == null || v === '' ? undefined : String(v));
const list = <T = string>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const key = (schema: unknown, name: unknown) => `${str(schema)}\u0000${str(name)}`;

const CONSTRAINT_TYPES: Record<string, ConstraintType> = {
  p: 'primary key',
  f: 'foreign key',
  u: 'unique',
  c: 'check',
  x: 'exclusion',
};
const FK_ACTIONS: Record<string, ForeignKeyAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};
const POLICY_COMMANDS: Record<string, PolicyCommand> = {
  '*': 'all',
  r: 'select',
  a: 'insert',
  w: 'update',
  d: 'delete',
};
const COLLATION_PROVIDER: Record<string, 'libc' | 'icu' | 'builtin'> = { c: 'libc', i: 'icu', b: 'builtin', d: 'libc' };
const VOLATILITY: Record<string, Volatility> = { i: 'immutable', s: 'stable', v: 'volatile' };
const PARALLEL = { s: 'safe', r: 'restricted', u: 'unsafe' } as const;
const TRIGGER_ENABLED = { O: 'origin', D: 'disabled', R: 'replica', A: 'always' } as const;

/**
 * Tables a migration tool keeps its history in, in whatever schema: Prisma's `_prisma_migrations`
 * (Prisma leaves it out of its own diffs). The Supabase CLI's and pgdrift's have schemas of their own,
 * left out with the platform's (PLATFORM_SCHEMAS).
 */
export const MIGRATION_HISTORY_TABLES: ReadonlySet<string> = new Set(['_prisma_migrations']);

export function buildSchema(rows: CatalogRows): Schema {
  const schema = emptySchema();
  schema.schemas = rows.schemas.map((r) => withGrants(withOptional({ name: str(r.name) }, { comment: opt(r.comment) }), 'schema', r.acl));
  schema.extensions = rows.extensions.map((r) => ({ name: str(r.name), schema: str(r.schema) })).filter((e) => !PLATFORM_EXTENSIONS.has(`${e.name}@${e.schema}`));
  schema.collations = rows.collations.map((r) =>
    withOptional(
      { schema: str(r.schema), name: str(r.name), provider: COLLATION_PROVIDER[str(r.provider)] ?? 'libc', deterministic: r.deterministic !== false },
      { locale: opt(r.locale), lcCollate: opt(r.lc_collate), lcCtype: opt(r.lc_ctype), comment: opt(r.comment) },
    ),
  );
  buildTypes(schema, rows.types);
  schema.sequences = rows.sequences.map((r) => {
    const owner = r.owned_by as Row | null;
    const sequence = withOptional(
      {
        schema: str(r.schema),
        name: str(r.name),
        type: str(r.type),
        start: str(r.start),
        increment: str(r.increment),
        min: str(r.min),
        max: str(r.max),
        cache: str(r.cache),
        cycle: Boolean(r.cycle),
      },
      {
        ownedBy: owner ? columnId({ schema: str(owner.schema), name: str(owner.table) }, str(owner.column)) : undefined,
        comment: opt(r.comment),
      },
    );
    return withGrants(sequence, 'sequence', r.acl);
  });
  const tables = buildRelations(schema, rows.relations);
  attachConstraints(tables, rows.constraints);
  attachIndexes(tables, rows.indexes);
  addPlatformTables(schema, tables, rows.platformTables, rows.policies);
  attachPolicies(tables, rows.policies);
  schema.publications = rows.publications.flatMap(buildPublication);
  schema.defaultPrivileges = rows.defaultPrivileges.flatMap((r) => {
    const on = (Object.keys(DEFAULT_PRIVILEGE_ON) as (keyof typeof DEFAULT_PRIVILEGE_ON)[]).find((k) => DEFAULT_PRIVILEGE_ON[k].letter === r.objtype);
    if (!on) return [];
    return [withOptional({ role: str(r.role), on, grants: grantList(DEFAULT_PRIVILEGE_ON[on].kind, list<AclEntry>(r.acl)) }, { schema: opt(r.schema) })];
  });
  schema.functions = rows.functions.map(buildFunction);
  schema.triggers = rows.triggers.map(buildTrigger);
  schema.dependencies = rows.dependencies.map((r) => ({ object: objectRef(r.object), uses: objectRef(r.uses) }));
  // A migration tool's history is its bookkeeping, not the project's schema.
  schema.tables = schema.tables.filter((t) => !MIGRATION_HISTORY_TABLES.has(t.name));
  schema.triggers = schema.triggers.filter((t) => !MIGRATION_HISTORY_TABLES.has(t.table));
  return normalizeSchema(schema);
}

function objectRef(v: unknown): ObjectRef {
  const r = v as Row;
  return withOptional({ kind: str(r.kind) as ObjectRef['kind'], schema: str(r.schema), name: str(r.name) }, { parent: opt(r.parent), args: r.kind === 'function' ? str(r.args) : undefined });
}

/**
 * `target` with its grants from ACL rows, when they are not the kind's default. Set apart from
 * withOptional: a function's empty grants (EXECUTE revoked from PUBLIC) is not its default.
 */
function withGrants<T extends object>(target: T, kind: GrantKind, acl: unknown): T {
  const grants = canonicalGrants(kind, list<AclEntry>(acl));
  return grants ? { ...target, grants } : target;
}

/** Copy the defined optional fields onto a required base, so absent ones are not even keys. */
function withOptional<T extends object, O extends object>(base: T, optional: O): T & Partial<O> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(optional)) {
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  }
  return out as T & Partial<O>;
}

function buildTypes(schema: Schema, rows: Row[]): void {
  for (const r of rows) {
    const base = { schema: str(r.schema), name: str(r.name) };
    const comment = opt(r.comment);
    if (r.kind === 'e') schema.enums.push(withGrants(withOptional({ ...base, values: list(r.values) }, { comment }), 'type', r.acl));
    if (r.kind === 'd') {
      const domain = withOptional(
        { ...base, type: str(r.base_type), notNull: Boolean(r.not_null), checks: list<{ name: string; expression: string }>(r.checks) },
        { default: opt(r.default), collation: opt(r.collation), comment },
      );
      schema.domains.push(withGrants(domain, 'type', r.acl));
    }
    if (r.kind === 'c') {
      const attributes = list<Row>(r.attributes).map((a) =>
        withOptional({ name: str(a.name), type: str(a.type) }, { collation: opt(a.collation) }),
      );
      schema.compositeTypes.push(withGrants(withOptional({ ...base, attributes }, { comment }), 'type', r.acl));
    }
    if (r.kind === 'r') {
      const g = r.range as Row;
      const range = withOptional({ ...base, subtype: str(g.subtype), multirange: str(g.multirange) }, { opclass: opt(g.opclass), collation: opt(g.collation), canonical: opt(g.canonical), subtypeDiff: opt(g.subtype_diff), comment });
      (schema.rangeTypes ??= []).push(withGrants(range, 'type', r.acl));
    }
  }
}

/** Tables and materialized views by schema and name: what constraints, indexes and policies attach to. */
type Relations = Map<string, TableDef | { indexes: IndexDef[] }>;

function buildRelations(schema: Schema, rows: Row[]): Relations {
  const byKey: Relations = new Map();
  for (const r of rows) {
    const base = { schema: str(r.schema), name: str(r.name) };
    const comment = opt(r.comment);
    const columnRows = list<Row>(r.columns);
    if (r.kind === 'v') {
      const view = withOptional(
        { ...base, definition: normalizeViewDefinition(str(r.definition)), columns: columnRows.map((c) => str(c.name)) },
        { options: list<string>(r.options).slice().sort(), comment },
      );
      schema.views.push(withGrants(view, 'table', r.acl));
      continue;
    }
    if (r.kind === 'm') {
      const mv = { ...base, definition: normalizeViewDefinition(str(r.definition)), columns: columnRows.map((c) => str(c.name)), indexes: [] };
      const built = withGrants(withOptional(mv, { comment }), 'table', r.acl);
      schema.materializedViews.push(built);
      byKey.set(key(r.schema, r.name), built);
      continue;
    }
    const partitionOf = r.partition_of as Row | null;
    const table: TableDef = withOptional(
      {
        ...base,
        kind: r.kind === 'p' ? ('partitioned table' as const) : ('table' as const),
        columns: columnRows.map((c) =>
          withGrants(withOptional(
            { name: str(c.name), type: str(c.type), notNull: Boolean(c.notNull) },
            {
              default: opt(c.default),
              identity: c.identity === 'a' ? ('always' as const) : c.identity === 'd' ? ('by default' as const) : undefined,
              // Only where it is not the name PostgreSQL would choose (a table renamed after it was created).
              identitySequence: c.identitySequence && c.identitySequence !== qualify(str(r.schema), `${str(r.name)}_${str(c.name)}_seq`) ? str(c.identitySequence) : undefined,
              identityOptions: c.identityOptions ? identityOptionsText(str(c.type), c.identityOptions as SequenceValues) : undefined,
              generated: opt(c.generated),
              collation: opt(c.collation),
              inherited: c.inherited ? (true as const) : undefined,
              comment: opt(c.comment),
            },
          ), 'column', c.acl),
        ),
        constraints: [],
        indexes: [],
        rls: { enabled: Boolean(r.rls_enabled), forced: Boolean(r.rls_forced) },
        policies: [],
      },
      {
        partitionOf: partitionOf
          ? { table: qualify(str(partitionOf.schema), str(partitionOf.name)), bound: str(partitionOf.bound) }
          : undefined,
        partitionKey: opt(r.partition_key),
        inherits: list<Row>(r.inherits).map((p) => qualify(str(p.schema), str(p.name))),
        unlogged: r.unlogged ? (true as const) : undefined,
        comment,
      },
    );
    const withAcl = withGrants(table, 'table', r.acl);
    schema.tables.push(withAcl);
    byKey.set(key(r.schema, r.name), withAcl);
  }
  return byKey;
}

function attachConstraints(tables: Relations, rows: Row[]): void {
  for (const r of rows) {
    const table = tables.get(key(r.schema, r.table));
    if (!table || !('constraints' in table)) continue;
    const refs = r.references as Row | null;
    const deferrable = r.deferrable
      ? r.deferred
        ? ('deferrable initially deferred' as const)
        : ('deferrable' as const)
      : undefined;
    const constraint: ConstraintDef = withOptional(
      {
        name: str(r.name),
        type: CONSTRAINT_TYPES[str(r.type)] ?? 'check',
        definition: str(r.definition),
        columns: list(r.columns),
      },
      {
        references: refs
          ? {
              table: tableId({ schema: str(refs.schema), name: str(refs.table) }),
              columns: list(refs.columns),
              onUpdate: FK_ACTIONS[str(refs.onUpdate)] ?? 'no action',
              onDelete: FK_ACTIONS[str(refs.onDelete)] ?? 'no action',
            }
          : undefined,
        deferrable,
        notValid: r.validated === false ? true : undefined,
        comment: opt(r.comment),
      },
    );
    table.constraints.push(constraint);
  }
}

function attachIndexes(tables: Relations, rows: Row[]): void {
  for (const r of rows) {
    const table = tables.get(key(r.schema, r.table));
    if (!table) continue;
    table.indexes.push(
      withOptional(
        {
          name: str(r.name),
          definition: str(r.definition),
          unique: Boolean(r.unique),
          method: str(r.method),
          keys: list(r.keys),
        },
        { include: list<string>(r.include), where: opt(r.where), comment: opt(r.comment) },
      ),
    );
  }
}

/** A platform table's RLS and its grants to the API roles (PLATFORM_GRANTEES), from its catalog row. */
export function platformTableState(r: Row): PlatformTableState {
  const rls = { enabled: Boolean(r.rls_enabled), forced: Boolean(r.rls_forced) };
  const grants = canonicalGrants('table', list<AclEntry>(r.acl).filter((e) => PLATFORM_GRANTEES.has(e.grantee)));
  return grants ? { rls, grants } : { rls };
}

/**
 * Platform tables the project put policies on, or whose RLS or API grants it changed, as platform
 * tables (see TableZ.platform): what the platform itself made there is not the project's.
 */
function addPlatformTables(schema: Schema, tables: Relations, rows: Row[], policies: Row[]): void {
  const withPolicies = new Set(policies.map((p) => key(p.schema, p.table)));
  for (const r of rows) {
    const state = platformTableState(r);
    const base = PLATFORM_TABLES[qualify(str(r.schema), str(r.name))] ?? state;
    if (!withPolicies.has(key(r.schema, r.name)) && JSON.stringify(base) === JSON.stringify(state)) continue;
    const table: TableDef = {
      schema: str(r.schema), name: str(r.name), kind: 'table', columns: [], constraints: [], indexes: [], rls: state.rls, policies: [],
      platform: base, ...(state.grants ? { grants: state.grants } : {}),
    };
    schema.tables.push(table);
    tables.set(key(r.schema, r.name), table);
  }
}

function buildPublication(r: Row): PublicationDef[] {
  const tables = list<Row>(r.tables).map((t) => qualify(str(t.schema), str(t.name)));
  const schemas = list<string>(r.schemas);
  if (PLATFORM_PUBLICATIONS.has(str(r.name)) && !tables.length && !schemas.length && !r.all_tables) return [];
  return [withOptional({ name: str(r.name), allTables: Boolean(r.all_tables), operations: list<string>(r.operations), tables }, { schemas })];
}

function attachPolicies(tables: Relations, rows: Row[]): void {
  for (const r of rows) {
    const table = tables.get(key(r.schema, r.table));
    if (!table || !('policies' in table)) continue;
    const policy: PolicyDef = withOptional(
      {
        name: str(r.name),
        permissive: Boolean(r.permissive),
        command: POLICY_COMMANDS[str(r.command)] ?? 'all',
        roles: list(r.roles),
      },
      { using: opt(r.using), withCheck: opt(r.with_check), comment: opt(r.comment) },
    );
    table.policies.push(policy);
  }
}

function buildFunction(r: Row): FunctionDef {
  const fn = withOptional(
    {
      schema: str(r.schema),
      name: str(r.name),
      kind: r.kind === 'p' ? ('procedure' as const) : ('function' as const),
      identityArgs: str(r.identity_args),
      args: str(r.args),
      argTypes: str(r.arg_types),
      language: str(r.language),
      volatility: VOLATILITY[str(r.volatility)] ?? 'volatile',
      strict: Boolean(r.strict),
      securityDefiner: Boolean(r.security_definer),
      leakproof: Boolean(r.leakproof),
      parallel: PARALLEL[str(r.parallel) as keyof typeof PARALLEL] ?? 'unsafe',
      body: str(r.body),
    },
    {
      returns: opt(r.returns), config: list<string>(r.config), standardBody: r.standard_body ? true : undefined,
      cost: r.cost == null ? undefined : Number(r.cost), rows: r.rows == null ? undefined : Number(r.rows), comment: opt(r.comment),
    },
  );
  return withGrants(fn, 'function', r.acl);
}

function buildTrigger(r: Row): TriggerDef {
  return withOptional(
    {
      schema: str(r.schema),
      table: str(r.table),
      name: str(r.name),
      definition: str(r.definition),
      function: `${qualify(str(r.function_schema), str(r.function_name))}(${str(r.function_args)})`,
      enabled: TRIGGER_ENABLED[str(r.enabled) as keyof typeof TRIGGER_ENABLED] ?? 'origin',
    },
    { comment: opt(r.comment) },
  );
}
