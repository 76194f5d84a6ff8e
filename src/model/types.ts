/**
 * The one normalized schema model. Every source (live database, migrations folder, SQL file,
 * Prisma schema, snapshot) becomes a `Schema`. It is plain, serializable data: collections are
 * sorted by identity (columns keep their table order) and optional fields are absent when empty,
 * so two inspections of the same schema serialize to the same bytes whichever engine produced them.
 *
 * The zod definitions are the source of truth: the TypeScript types are inferred from them, and a
 * snapshot read from disk is validated against them.
 */
import { z } from 'zod';

const comment = z.string().optional();

/**
 * Privileges one role holds on an object, as GRANT gives them (see model/grants). The owner's own
 * privileges are left out (owners differ between environments and always hold everything), and so
 * is an object's default (no one else for most kinds, PUBLIC EXECUTE for functions): `grants` is
 * absent when nothing was granted or revoked. `ALL` stands for every privilege of the object's kind.
 */
export const GrantZ = z.object({
  /** A role name, or `PUBLIC`. */
  grantee: z.string(),
  privileges: z.array(z.string()),
  /** These privileges are held WITH GRANT OPTION (a role can hold some with it and some without). */
  withGrantOption: z.boolean().optional(),
});
const grants = z.array(GrantZ).optional();

export const NamespaceZ = z.object({ name: z.string(), comment, grants });
export const ExtensionZ = z.object({ name: z.string(), schema: z.string() });
/** CREATE COLLATION: a collation object of the schema's own. */
export const CollationZ = z.object({
  schema: z.string(),
  name: z.string(),
  provider: z.enum(['libc', 'icu', 'builtin']),
  /** The ICU or builtin locale; for libc, LC_COLLATE and LC_CTYPE. */
  locale: z.string().optional(),
  lcCollate: z.string().optional(),
  lcCtype: z.string().optional(),
  deterministic: z.boolean(),
  comment,
});
export const EnumZ = z.object({ schema: z.string(), name: z.string(), values: z.array(z.string()), comment, grants });
export const DomainZ = z.object({
  schema: z.string(),
  name: z.string(),
  type: z.string(),
  notNull: z.boolean(),
  default: z.string().optional(),
  collation: z.string().optional(),
  checks: z.array(z.object({ name: z.string(), expression: z.string() })),
  comment,
  grants,
});
export const CompositeTypeZ = z.object({
  schema: z.string(),
  name: z.string(),
  attributes: z.array(z.object({ name: z.string(), type: z.string(), collation: z.string().optional() })),
  comment,
  grants,
});
/** A range type (`create type … as range`): its subtype and what PostgreSQL's defaults leave out. */
export const RangeTypeZ = z.object({
  schema: z.string(),
  name: z.string(),
  subtype: z.string(),
  /** The subtype's operator class, where it is not the subtype's default btree class. */
  opclass: z.string().optional(),
  /** The collation, where it is not the subtype's. */
  collation: z.string().optional(),
  canonical: z.string().optional(),
  subtypeDiff: z.string().optional(),
  /** The multirange type PostgreSQL creates with it (qualified). */
  multirange: z.string(),
  comment,
  grants,
});
export const SequenceZ = z.object({
  schema: z.string(),
  name: z.string(),
  type: z.string(),
  start: z.string(),
  increment: z.string(),
  min: z.string(),
  max: z.string(),
  cache: z.string(),
  cycle: z.boolean(),
  /** Identity (`schema.table.column`) of the column that owns the sequence (serial columns). */
  ownedBy: z.string().optional(),
  comment,
  grants,
});

export const ColumnZ = z.object({
  name: z.string(),
  type: z.string(),
  notNull: z.boolean(),
  default: z.string().optional(),
  identity: z.enum(['always', 'by default']).optional(),
  /** The identity's sequence, where it is not named `<table>_<column>_seq`. */
  identitySequence: z.string().optional(),
  /** The identity's sequence options that are not PostgreSQL's defaults for its type, as written in SQL (`increment by 5 start with 100`). */
  identityOptions: z.string().optional(),
  /** Expression of a generated column. */
  generated: z.string().optional(),
  collation: z.string().optional(),
  /** Only inherited from a parent table (INHERITS), not declared by the table itself. */
  inherited: z.literal(true).optional(),
  comment,
  /** Column privileges (`grant update (email) on users to authenticated`). */
  grants,
});

export const ForeignKeyActionZ = z.enum(['no action', 'restrict', 'cascade', 'set null', 'set default']);
export const ConstraintZ = z.object({
  name: z.string(),
  type: z.enum(['primary key', 'foreign key', 'unique', 'check', 'exclusion']),
  /** Postgres' own rendering, e.g. `FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE`. */
  definition: z.string(),
  columns: z.array(z.string()),
  references: z
    .object({
      table: z.string(),
      columns: z.array(z.string()),
      onUpdate: ForeignKeyActionZ,
      onDelete: ForeignKeyActionZ,
    })
    .optional(),
  deferrable: z.enum(['deferrable', 'deferrable initially deferred']).optional(),
  notValid: z.boolean().optional(),
  comment,
});

export const IndexZ = z.object({
  name: z.string(),
  definition: z.string(),
  unique: z.boolean(),
  method: z.string(),
  /** Key columns or expressions, with opclass and order as Postgres renders them. */
  keys: z.array(z.string()),
  include: z.array(z.string()).optional(),
  where: z.string().optional(),
  comment,
});

export const PolicyZ = z.object({
  name: z.string(),
  permissive: z.boolean(),
  command: z.enum(['all', 'select', 'insert', 'update', 'delete']),
  roles: z.array(z.string()),
  using: z.string().optional(),
  withCheck: z.string().optional(),
  comment,
});

export const TableZ = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['table', 'partitioned table']),
  columns: z.array(ColumnZ),
  constraints: z.array(ConstraintZ),
  indexes: z.array(IndexZ),
  rls: z.object({ enabled: z.boolean(), forced: z.boolean() }),
  policies: z.array(PolicyZ),
  /** For a partition: the parent's identity and the bound (`FOR VALUES ...`). */
  partitionOf: z.object({ table: z.string(), bound: z.string() }).optional(),
  /** For a partitioned table: the key (`RANGE (created_at)`). */
  partitionKey: z.string().optional(),
  /** Plain (non-partition) inheritance parents, by identity. */
  inherits: z.array(z.string()).optional(),
  /** UNLOGGED: not written to the WAL, emptied after a crash, not replicated. */
  unlogged: z.literal(true).optional(),
  /**
   * A table of the platform (Supabase's `storage.objects`, `auth.users`…), present because the project
   * put something on it. Only that is in the model (RLS, policies, grants to the API roles; triggers
   * are listed apart): its columns, constraints and indexes are the platform's and left out.
   * `platform` holds the platform's own RLS setting and grants, which the table has wherever the
   * project changed nothing.
   */
  platform: z.object({ rls: z.object({ enabled: z.boolean(), forced: z.boolean() }), grants }).optional(),
  comment,
  grants,
});

export const ViewZ = z.object({
  schema: z.string(),
  name: z.string(),
  definition: z.string(),
  columns: z.array(z.string()),
  /** reloptions such as `security_invoker=true`, `check_option=local`. */
  options: z.array(z.string()).optional(),
  comment,
  grants,
});

export const MaterializedViewZ = z.object({
  schema: z.string(),
  name: z.string(),
  definition: z.string(),
  columns: z.array(z.string()),
  indexes: z.array(IndexZ),
  comment,
  grants,
});

export const FunctionZ = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['function', 'procedure']),
  /** Identity arguments (`a integer, b text`): the part of the signature that names the function. */
  identityArgs: z.string(),
  /** Full argument list with modes and defaults. */
  args: z.string(),
  /** The input argument types alone: what PostgreSQL tells functions apart by (absent in older snapshots). */
  argTypes: z.string().optional(),
  returns: z.string().optional(),
  language: z.string(),
  volatility: z.enum(['immutable', 'stable', 'volatile']),
  strict: z.boolean(),
  securityDefiner: z.boolean(),
  leakproof: z.boolean(),
  parallel: z.enum(['safe', 'restricted', 'unsafe']),
  /** Settings fixed on the function, such as `search_path=public`. */
  config: z.array(z.string()).optional(),
  /** The planner's estimates, where they are not the default: COST (per call), ROWS (set-returning). */
  cost: z.number().optional(),
  rows: z.number().optional(),
  body: z.string(),
  /** The body is SQL-standard (`RETURN …` or `BEGIN ATOMIC … END`), parsed when it was created, not a string. */
  standardBody: z.boolean().optional(),
  comment,
  grants,
});

export const TriggerZ = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  /** Postgres' own rendering (`CREATE TRIGGER ... EXECUTE FUNCTION ...`). */
  definition: z.string(),
  /** Identity of the trigger function, e.g. `public.set_updated_at()`. */
  function: z.string(),
  enabled: z.enum(['origin', 'disabled', 'replica', 'always']),
  comment,
});

/** An object as a dependency names it: `parent` is the table (or domain) an index, constraint, column, trigger or policy belongs to; `args` a function's identity arguments. */
export const ObjectRefZ = z.object({
  kind: z.enum(['function', 'type', 'table', 'view', 'sequence', 'index', 'column', 'default', 'generated column', 'constraint', 'domain constraint', 'trigger', 'policy']),
  schema: z.string(),
  name: z.string(),
  parent: z.string().optional(),
  args: z.string().optional(),
});

/** `object` uses `uses` (the catalog's pg_depend): PostgreSQL will not drop `uses` while `object` exists. */
export const DependencyZ = z.object({ object: ObjectRefZ, uses: ObjectRefZ });

export const PublicationZ = z.object({
  name: z.string(),
  allTables: z.boolean(),
  /** What it publishes: insert, update, delete, truncate. */
  operations: z.array(z.string()),
  /** Published tables, by identity. */
  tables: z.array(z.string()),
  /** Schemas published whole (`FOR TABLES IN SCHEMA`). */
  schemas: z.array(z.string()).optional(),
});

/** ALTER DEFAULT PRIVILEGES: what objects a role creates later are granted when created. */
export const DefaultPrivilegeZ = z.object({
  /** The role whose future objects these are (FOR ROLE). */
  role: z.string(),
  /** The schema they apply in; absent for the role's objects in every schema. */
  schema: z.string().optional(),
  on: z.enum(['tables', 'sequences', 'functions', 'types', 'schemas']),
  /**
   * In a schema: what is granted besides the usual. Everywhere: the whole default, which replaces
   * the kind's built-in one (revoking EXECUTE on functions from PUBLIC leaves `[]`).
   */
  grants: z.array(GrantZ),
});

export const SchemaZ = z.object({
  schemas: z.array(NamespaceZ),
  extensions: z.array(ExtensionZ),
  collations: z.array(CollationZ).default([]),
  enums: z.array(EnumZ),
  domains: z.array(DomainZ),
  compositeTypes: z.array(CompositeTypeZ),
  rangeTypes: z.array(RangeTypeZ).default([]),
  sequences: z.array(SequenceZ),
  tables: z.array(TableZ),
  views: z.array(ViewZ),
  materializedViews: z.array(MaterializedViewZ),
  functions: z.array(FunctionZ),
  triggers: z.array(TriggerZ),
  publications: z.array(PublicationZ).default([]),
  defaultPrivileges: z.array(DefaultPrivilegeZ).default([]),
  /** What uses what among the objects above, as the catalog records it (not compared by diff: it follows from them). */
  dependencies: z.array(DependencyZ).default([]),
});

export type Schema = z.infer<typeof SchemaZ>;
export type GrantDef = z.infer<typeof GrantZ>;
export type DefaultPrivilegeDef = z.infer<typeof DefaultPrivilegeZ>;
export type CollationDef = z.infer<typeof CollationZ>;
export type NamespaceDef = z.infer<typeof NamespaceZ>;
export type ExtensionDef = z.infer<typeof ExtensionZ>;
export type EnumDef = z.infer<typeof EnumZ>;
export type DomainDef = z.infer<typeof DomainZ>;
export type CompositeTypeDef = z.infer<typeof CompositeTypeZ>;
export type RangeTypeDef = z.infer<typeof RangeTypeZ>;
export type SequenceDef = z.infer<typeof SequenceZ>;
export type TableDef = z.infer<typeof TableZ>;
export type ColumnDef = z.infer<typeof ColumnZ>;
export type ConstraintDef = z.infer<typeof ConstraintZ>;
export type ConstraintType = ConstraintDef['type'];
export type ForeignKeyAction = z.infer<typeof ForeignKeyActionZ>;
export type IndexDef = z.infer<typeof IndexZ>;
export type PolicyDef = z.infer<typeof PolicyZ>;
export type PolicyCommand = PolicyDef['command'];
export type ViewDef = z.infer<typeof ViewZ>;
export type MaterializedViewDef = z.infer<typeof MaterializedViewZ>;
export type FunctionDef = z.infer<typeof FunctionZ>;
export type Volatility = FunctionDef['volatility'];
export type TriggerDef = z.infer<typeof TriggerZ>;
export type PublicationDef = z.infer<typeof PublicationZ>;
export type ObjectRef = z.infer<typeof ObjectRefZ>;
export type DependencyDef = z.infer<typeof DependencyZ>;
