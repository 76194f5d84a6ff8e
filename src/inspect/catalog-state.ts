/**
 * The catalog state of a database, independent of the model: every object a user made (found by OID
 * in each catalog, named by PostgreSQL's own pg_identify_object) and the definition PostgreSQL
 * prints for it. Verification compares two of these, so that what the model does not hold (a
 * collation, a default privilege, a sequence's name) still fails a plan that did not converge.
 * Owners are left out (they differ between environments); so are OIDs, column positions and data.
 */
import type { Queryable } from './inspect.js';
import type { InspectScope } from './scope.js';

export interface CatalogState {
  /** The server's major version: what PostgreSQL prints differs between majors. */
  major: number;
  /** Whether it stands on the Supabase platform (schema auth and the API roles are there). */
  supabase: boolean;
  /** Object identity (`type identity`, or with ` · aspect`) → its definition. */
  facts: Map<string, string>;
}

/** Catalogs whose rows are objects of their own (pg_identify_object names each). */
const CATALOGS = [
  'pg_namespace', 'pg_class', 'pg_type', 'pg_proc', 'pg_constraint', 'pg_attrdef', 'pg_trigger', 'pg_policy', 'pg_rewrite',
  'pg_collation', 'pg_operator', 'pg_opclass', 'pg_opfamily', 'pg_cast', 'pg_conversion', 'pg_ts_config', 'pg_ts_dict',
  'pg_event_trigger', 'pg_extension', 'pg_foreign_data_wrapper', 'pg_foreign_server', 'pg_publication',
  'pg_publication_rel', 'pg_statistic_ext', 'pg_default_acl', 'pg_language', 'pg_transform', 'pg_am',
];

/** In scope: not a system schema, not excluded, among the included ones when given. */
const inScope = (schema: string) => `(${schema} is null or (${schema} not in ('pg_catalog', 'information_schema', 'pg_toast')
  and ${schema} !~ '^pg_(toast_)?temp' and not ${schema} = any($1) and ($2::text[] is null or ${schema} = any($2))))`;

/** An ACL in a fixed order, with the default spelled out (NULL and an explicit default are the same). */
const acl = (value: string, kind: string, owner: string) => `(select string_agg(a::text, ',' order by a::text) from unnest(coalesce(${value}, acldefault(${kind}::"char", ${owner}))) a)`;

/**
 * Rows that are parts of another object rather than objects: a foreign key's internal triggers, and
 * NOT NULL constraints (PostgreSQL 18 names them; the column's own fact says whether it is nullable).
 */
const PARTS: Record<string, string> = { pg_trigger: ' and not tgisinternal', pg_constraint: " and contype <> 'n'" };

const OBJECTS = CATALOGS.map((c) => `select '${c}'::regclass as classid, oid as objid from ${c} where oid >= 16384${PARTS[c] ?? ''}`).join('\nunion all ');

const QUERY = `
with objects as (
  select o.classid, o.objid, i.type, i.schema, i.identity || coalesce(
      -- An index is named with its table, a sequence with the column that owns it, so that they go with them.
      (select ' on ' || x.indrelid::regclass::text from pg_index x where o.classid = 'pg_class'::regclass and x.indexrelid = o.objid),
      (select ' owned by ' || d.refobjid::regclass::text || '.' || quote_ident(a.attname) from pg_depend d
         join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
         where o.classid = 'pg_class'::regclass and d.classid = 'pg_class'::regclass and d.objid = o.objid
           and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i') and d.refobjsubid > 0 limit 1), '') as identity
  from (${OBJECTS}) o, pg_identify_object(o.classid, o.objid, 0) i
  where not exists (select 1 from pg_depend d where d.classid = o.classid and d.objid = o.objid and d.deptype = 'e')
    and not exists (select 1 from pg_depend d join pg_depend e on e.classid = d.refclassid and e.objid = d.refobjid and e.deptype = 'e'
                    where d.classid = o.classid and d.objid = o.objid and d.deptype in ('a', 'i') and d.refclassid in ('pg_class'::regclass, 'pg_type'::regclass))
),
scoped as (
  select * from objects where ${inScope('schema')} and (type <> 'schema' or ${inScope('identity')})
),
facts(key, value) as (
  select type || ' ' || identity, concat_ws(' | ',
      (select 'comment ' || description from pg_description where classoid = classid and objoid = objid and objsubid = 0))
  from scoped
  union all
  select 'schema ' || identity || ' · acl', ${acl('n.nspacl', "'n'", 'n.nspowner')}
  from scoped s join pg_namespace n on n.oid = s.objid where s.classid = 'pg_namespace'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', 'kind ' || c.relkind::text, 'persistence ' || c.relpersistence::text,
      'options ' || array_to_string(c.reloptions, ','), 'rls ' || c.relrowsecurity, 'force rls ' || c.relforcerowsecurity,
      'replica identity ' || c.relreplident::text, 'partition key ' || pg_get_partkeydef(c.oid), 'bound ' || pg_get_expr(c.relpartbound, c.oid),
      'inherits ' || (select string_agg(i.inhparent::regclass::text, ',' order by i.inhseqno) from pg_inherits i where i.inhrelid = c.oid),
      'access method ' || (select amname from pg_am where oid = c.relam and c.relkind <> 'i'),
      'query ' || case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid) end,
      'acl ' || case when c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') then ${acl('c.relacl', "case c.relkind when 'S' then 's' else 'r' end", 'c.relowner')} end)
  from scoped s join pg_class c on c.oid = s.objid where s.classid = 'pg_class'::regclass
  union all
  select s.type || ' ' || s.identity || ' · column ' || quote_ident(a.attname), concat_ws(' | ', format_type(a.atttypid, a.atttypmod),
      case when a.attnotnull then 'not null' end, 'default ' || pg_get_expr(d.adbin, d.adrelid), 'identity ' || nullif(a.attidentity::text, ''),
      'generated ' || nullif(a.attgenerated::text, ''), 'collation ' || case when a.attcollation <> t.typcollation then a.attcollation::regcollation::text end,
      case when not a.attislocal then 'inherited' end, 'storage ' || case when a.attstorage <> t.typstorage then a.attstorage::text end,
      'acl ' || (select string_agg(x::text, ',' order by x::text) from unnest(a.attacl) x),
      'comment ' || col_description(a.attrelid, a.attnum))
  from scoped s join pg_class c on c.oid = s.objid and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')
  join pg_attribute a on a.attrelid = s.objid and a.attnum > 0 and not a.attisdropped
  join pg_type t on t.oid = a.atttypid left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where s.classid = 'pg_class'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', pg_get_constraintdef(c.oid), 'valid ' || c.convalidated,
      case when not c.conislocal then 'inherited' end)
  from scoped s join pg_constraint c on c.oid = s.objid where s.classid = 'pg_constraint'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', pg_get_indexdef(s.objid)
  from scoped s join pg_class c on c.oid = s.objid where s.classid = 'pg_class'::regclass and c.relkind in ('i', 'I')
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', format_type(q.seqtypid, null), q.seqstart, q.seqincrement, q.seqmin,
      q.seqmax, q.seqcache, q.seqcycle,
      'owned by ' || (select d.refobjid::regclass::text || '.' || quote_ident(a.attname) from pg_depend d
        join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
        where d.classid = 'pg_class'::regclass and d.objid = q.seqrelid and d.deptype in ('a', 'i')))
  from scoped s join pg_sequence q on q.seqrelid = s.objid where s.classid = 'pg_class'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ',
      case when p.prokind = 'a' then (select concat_ws(' ', a.aggtransfn, a.aggtranstype::regtype, a.aggfinalfn, a.agginitval) from pg_aggregate a where a.aggfnoid = p.oid)
           -- A string body is the model's (compared there up to formatting); a SQL-standard one is printed from its parse.
           when p.prosqlbody is null then replace(pg_get_functiondef(p.oid), p.prosrc, '<body>')
           else pg_get_functiondef(p.oid) end,
      'acl ' || ${acl('p.proacl', "'f'", 'p.proowner')})
  from scoped s join pg_proc p on p.oid = s.objid where s.classid = 'pg_proc'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', t.typtype::text, 'base ' || format_type(nullif(t.typbasetype, 0), t.typtypmod),
      case when t.typnotnull then 'not null' end, 'default ' || t.typdefault, 'collation ' || nullif(t.typcollation, 0)::regcollation::text,
      'labels ' || (select string_agg(quote_literal(e.enumlabel), ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid),
      'range of ' || (select format_type(r.rngsubtype, null) from pg_range r where r.rngtypid = t.oid),
      'acl ' || case when t.typrelid = 0 and t.typelem = 0 then ${acl('t.typacl', "'T'", 't.typowner')} end)
  from scoped s join pg_type t on t.oid = s.objid where s.classid = 'pg_type'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', pg_get_triggerdef(t.oid), 'enabled ' || t.tgenabled::text)
  from scoped s join pg_trigger t on t.oid = s.objid where s.classid = 'pg_trigger'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', p.polcmd::text, p.polpermissive,
      (select string_agg(case when r = 0 then 'public' else r::regrole::text end, ',' order by 1) from unnest(p.polroles) r),
      'using ' || pg_get_expr(p.polqual, p.polrelid), 'check ' || pg_get_expr(p.polwithcheck, p.polrelid))
  from scoped s join pg_policy p on p.oid = s.objid where s.classid = 'pg_policy'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', pg_get_ruledef(r.oid)
  from scoped s join pg_rewrite r on r.oid = s.objid where s.classid = 'pg_rewrite'::regclass and r.rulename <> '_RETURN'
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', c.collprovider::text, c.collisdeterministic, c.collcollate, c.collctype,
      coalesce(to_jsonb(c)->>'colllocale', to_jsonb(c)->>'colliculocale'))
  from scoped s join pg_collation c on c.oid = s.objid where s.classid = 'pg_collation'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', 'schema ' || e.extnamespace::regnamespace::text
  from scoped s join pg_extension e on e.oid = s.objid where s.classid = 'pg_extension'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', d.defaclobjtype::text, d.defaclacl::text)
  from scoped s join pg_default_acl d on d.oid = s.objid where s.classid = 'pg_default_acl'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', e.evtevent, e.evtenabled::text, e.evtfoid::regproc::text, array_to_string(e.evttags, ','))
  from scoped s join pg_event_trigger e on e.oid = s.objid where s.classid = 'pg_event_trigger'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', concat_ws(' | ', p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate)
  from scoped s join pg_publication p on p.oid = s.objid where s.classid = 'pg_publication'::regclass
  union all
  select s.type || ' ' || s.identity || ' · definition', pg_get_statisticsobjdef(s.objid)
  from scoped s where s.classid = 'pg_statistic_ext'::regclass
)
select coalesce(json_agg(json_build_array(key, value)), '[]')::text as data from facts where value is not null`;

/** Read the catalog state in one read-only transaction, after `settings` (`set local …`). Never writes. */
export async function readCatalogState(db: Queryable, scope: InspectScope, settings: string[] = []): Promise<CatalogState> {
  await db.query('begin transaction isolation level repeatable read read only');
  try {
    await db.query('set local search_path = pg_catalog');
    for (const setting of settings) await db.query(setting);
    const { rows } = await db.query(QUERY, [scope.excludeSchemas, scope.includeSchemas ?? null]);
    const pairs = JSON.parse(String(rows[0]?.data ?? '[]')) as [string, string][];
    const { rows: [about] } = await db.query(`select current_setting('server_version_num')::int / 10000 as major,
      to_regnamespace('auth') is not null and to_regrole('authenticated') is not null as supabase`);
    return { major: Number(about?.major), supabase: about?.supabase === true, facts: new Map(pairs) };
  } finally {
    await db.query('rollback');
  }
}
