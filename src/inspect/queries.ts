/**
 * The catalog queries behind every inspection, shared by live servers and shadow databases.
 * One query per object kind (not one per table); each returns one row with one text column `data`
 * holding a JSON array, so that node-postgres and PGlite hand back the same value whatever their
 * type parsers do. `$1` is the list of schemas to leave out, `$2` the list to keep (null = all), `$3`
 * the platform schemas among those left out: what a project puts on their tables (policies, RLS,
 * triggers, publication membership) is still the project's.
 * Objects that belong to an extension are never user objects and are always left out.
 */

/** Namespaces in scope, as a CTE every query starts with. */
const SCOPE = `
with ns as (
  select n.oid, n.nspname from pg_namespace n
  where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
    and not (n.nspname = any($1::text[]))
    and ($2::text[] is null or n.nspname = any($2::text[]))
    and not exists (select 1 from pg_depend d where d.classid = 'pg_namespace'::regclass
                    and d.objid = n.oid and d.deptype = 'e')
), platform_ns as (
  select n.oid, n.nspname from pg_namespace n where n.nspname = any($3::text[])
)`;

/** `alias.oid` is not a member of an extension (classid given as a regclass literal). */
function notExtensionMember(alias: string, catalog: string): string {
  return `not exists (select 1 from pg_depend d where d.classid = '${catalog}'::regclass
            and d.objid = ${alias}.oid and d.deptype = 'e')`;
}

/**
 * An object's ACL as (grantee, privilege, grantable) rows, its owner left out. A null ACL means the
 * kind's default (`acldefault`); a column's null ACL means no column privileges.
 */
function aclEntries(acl: string, owner: string, defaultType?: string): string {
  const full = defaultType ? `coalesce(${acl}, acldefault('${defaultType}', ${owner}))` : acl;
  return `(select json_agg(json_build_object('grantee', case when e.grantee = 0 then 'PUBLIC' else pg_get_userbyid(e.grantee) end,
      'privilege', e.privilege_type, 'grantable', e.is_grantable))
    from aclexplode(${full}) e where e.grantee <> ${owner})`;
}

function wrap(select: string): string {
  return `${SCOPE} select coalesce(json_agg(x), '[]')::text as data from (${select}) x`;
}

export const schemasQuery = wrap(`
  select n.nspname as name, obj_description(n.oid, 'pg_namespace') as comment,
    ${aclEntries('s.nspacl', 's.nspowner', 'n')} as acl
  from ns n join pg_namespace s on s.oid = n.oid`);

/** Every extension, whatever schema it lives in: its presence matters even when its schema is left out. */
export const extensionsQuery = wrap(`
  select e.extname as name, n.nspname as schema
  from pg_extension e join pg_namespace n on n.oid = e.extnamespace
  where e.extname <> 'plpgsql'`);

/** Collation objects in scope. The ICU locale's column is colliculocale on PostgreSQL 15 and 16, colllocale after. */
export const collationsQuery = wrap(`
  select n.nspname as schema, c.collname as name, c.collprovider as provider, c.collisdeterministic as deterministic,
    c.collcollate as lc_collate, c.collctype as lc_ctype,
    coalesce(to_jsonb(c)->>'colllocale', to_jsonb(c)->>'colliculocale') as locale,
    obj_description(c.oid, 'pg_collation') as comment
  from pg_collation c join ns n on n.oid = c.collnamespace
  where ${notExtensionMember('c', 'pg_collation')}`);

export const typesQuery = wrap(`
  select n.nspname as schema, t.typname as name, t.typtype as kind,
    obj_description(t.oid, 'pg_type') as comment, ${aclEntries('t.typacl', 't.typowner', 'T')} as acl,
    case when t.typtype = 'e' then
      (select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) end as values,
    case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) end as base_type,
    t.typnotnull as not_null, t.typdefault as default,
    (select c.collname from pg_collation c where c.oid = t.typcollation
       and t.typcollation <> (select b.typcollation from pg_type b where b.oid = t.typbasetype)) as collation,
    case when t.typtype = 'd' then
      (select json_agg(json_build_object('name', k.conname, 'expression', pg_get_constraintdef(k.oid)) order by k.conname)
       from pg_constraint k where k.contypid = t.oid and k.contype = 'c') end as checks,
    case when t.typtype = 'c' then
      (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
          'collation', (select c.collname from pg_collation c join pg_type at on at.oid = a.atttypid
                        where c.oid = a.attcollation and a.attcollation <> at.typcollation)) order by a.attnum)
       from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped) end as attributes,
    case when t.typtype = 'r' then
      (select json_build_object('subtype', format_type(r.rngsubtype, null),
          'opclass', case when not oc.opcdefault then quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) end,
          'collation', (select c.collname from pg_collation c where c.oid = r.rngcollation
                        and r.rngcollation <> (select s.typcollation from pg_type s where s.oid = r.rngsubtype)),
          'canonical', case when r.rngcanonical <> 0 then r.rngcanonical::regproc::text end,
          'subtype_diff', case when r.rngsubdiff <> 0 then r.rngsubdiff::regproc::text end,
          'multirange', format_type(r.rngmultitypid, null))
       from pg_range r join pg_opclass oc on oc.oid = r.rngsubopc join pg_namespace ocn on ocn.oid = oc.opcnamespace
       where r.rngtypid = t.oid) end as range
  from pg_type t join ns n on n.oid = t.typnamespace
  where (t.typtype in ('e', 'd', 'r')
         or (t.typtype = 'c' and (select r.relkind from pg_class r where r.oid = t.typrelid) = 'c'))
    and ${notExtensionMember('t', 'pg_type')}`);

export const sequencesQuery = wrap(`
  select n.nspname as schema, c.relname as name, format_type(s.seqtypid, null) as type,
    s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
    s.seqcache::text as cache, s.seqcycle as cycle, obj_description(c.oid, 'pg_class') as comment,
    ${aclEntries('c.relacl', 'c.relowner', 's')} as acl,
    (select json_build_object('schema', tn.nspname, 'table', t.relname, 'column', a.attname)
       from pg_depend d join pg_class t on t.oid = d.refobjid join pg_namespace tn on tn.oid = t.relnamespace
       join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
       where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'a'
         and d.refclassid = 'pg_class'::regclass) as owned_by
  from pg_sequence s join pg_class c on c.oid = s.seqrelid join ns n on n.oid = c.relnamespace
  where not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                    and d.deptype = 'i')
    and ${notExtensionMember('c', 'pg_class')}`);

/** Tables, views and materialized views, with their columns. */
export const relationsQuery = wrap(`
  select n.nspname as schema, c.relname as name, c.relkind as kind,
    c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced, c.relpersistence = 'u' as unlogged,
    obj_description(c.oid, 'pg_class') as comment,
    c.reloptions as options,
    ${aclEntries('c.relacl', 'c.relowner', 'r')} as acl,
    case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as partition_key,
    case when c.relispartition then
      (select json_build_object('schema', pn.nspname, 'name', p.relname, 'bound', pg_get_expr(c.relpartbound, c.oid))
       from pg_inherits i join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace
       where i.inhrelid = c.oid) end as partition_of,
    case when not c.relispartition then
      (select json_agg(json_build_object('schema', pn.nspname, 'name', p.relname) order by i.inhseqno)
       from pg_inherits i join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace
       where i.inhrelid = c.oid) end as inherits,
    case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as definition,
    (select json_agg(json_build_object(
        'name', a.attname,
        'type', format_type(a.atttypid, a.atttypmod),
        'notNull', a.attnotnull,
        'default', case when a.attgenerated = '' then pg_get_expr(ad.adbin, ad.adrelid) end,
        'generated', case when a.attgenerated <> '' then pg_get_expr(ad.adbin, ad.adrelid) end,
        'identity', a.attidentity,
        'identitySequence', case when a.attidentity <> '' then pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) end,
        'identityOptions', case when a.attidentity <> '' then
          (select json_build_object('increment', s.seqincrement::text, 'min', s.seqmin::text, 'max', s.seqmax::text,
                                    'start', s.seqstart::text, 'cache', s.seqcache::text, 'cycle', s.seqcycle)
           from pg_depend d join pg_sequence s on s.seqrelid = d.objid
           where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.refobjid = c.oid
             and d.refobjsubid = a.attnum and d.deptype = 'i') end,
        'inherited', not a.attislocal and not c.relispartition,
        'collation', (select co.collname from pg_collation co join pg_type at on at.oid = a.atttypid
                      where co.oid = a.attcollation and a.attcollation <> at.typcollation),
        'comment', col_description(c.oid, a.attnum),
        'acl', ${aclEntries('a.attacl', 'c.relowner')}) order by a.attnum)
     from pg_attribute a left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
     where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
  from pg_class c join ns n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v', 'm')
    and ${notExtensionMember('c', 'pg_class')}`);

export const constraintsQuery = wrap(`
  select n.nspname as schema, c.relname as table, k.conname as name, k.contype as type,
    pg_get_constraintdef(k.oid) as definition,
    (select json_agg(a.attname order by u.ord) from unnest(k.conkey) with ordinality u(attnum, ord)
       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum) as columns,
    case when k.contype = 'f' then json_build_object(
      'schema', fn.nspname, 'table', f.relname,
      'columns', (select json_agg(a.attname order by u.ord) from unnest(k.confkey) with ordinality u(attnum, ord)
                  join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum),
      'onUpdate', k.confupdtype, 'onDelete', k.confdeltype) end as references,
    k.condeferrable as deferrable, k.condeferred as deferred, k.convalidated as validated,
    obj_description(k.oid, 'pg_constraint') as comment
  from pg_constraint k join pg_class c on c.oid = k.conrelid join ns n on n.oid = c.relnamespace
  left join pg_class f on f.oid = k.confrelid left join pg_namespace fn on fn.oid = f.relnamespace
  where k.contype in ('p', 'f', 'u', 'c', 'x') and c.relkind in ('r', 'p')
    and k.conparentid = 0 and k.conislocal
    and ${notExtensionMember('c', 'pg_class')}`);

/** Indexes that do not back a constraint (those are described by the constraint). */
export const indexesQuery = wrap(`
  select n.nspname as schema, c.relname as table, ic.relname as name,
    pg_get_indexdef(i.indexrelid) as definition, i.indisunique as unique, am.amname as method,
    (select json_agg(pg_get_indexdef(i.indexrelid, k, true) order by k)
       from generate_series(1, i.indnkeyatts) k) as keys,
    (select json_agg(pg_get_indexdef(i.indexrelid, k, true) order by k)
       from generate_series(i.indnkeyatts + 1, i.indnatts) k) as include,
    pg_get_expr(i.indpred, i.indrelid, true) as where,
    obj_description(ic.oid, 'pg_class') as comment
  from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid
  join ns n on n.oid = c.relnamespace join pg_am am on am.oid = ic.relam
  where c.relkind in ('r', 'p', 'm')
    and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid
                    and k.contype in ('p', 'u', 'x'))
    and not exists (select 1 from pg_inherits h where h.inhrelid = i.indexrelid)
    and ${notExtensionMember('c', 'pg_class')}`);

export const policiesQuery = wrap(`
  select n.nspname as schema, c.relname as table, p.polname as name, p.polpermissive as permissive,
    p.polcmd as command,
    (select json_agg(case when r = 0 then 'public' else (select rolname from pg_roles where oid = r) end
                     order by case when r = 0 then 'public' else (select rolname from pg_roles where oid = r) end)
       from unnest(p.polroles) r) as roles,
    pg_get_expr(p.polqual, p.polrelid, true) as using,
    pg_get_expr(p.polwithcheck, p.polrelid, true) as with_check,
    obj_description(p.oid, 'pg_policy') as comment
  from pg_policy p join pg_class c on c.oid = p.polrelid
  join (select oid, nspname from ns union all select oid, nspname from platform_ns) n on n.oid = c.relnamespace`);

/** Tables of the platform schemas, with their RLS flags and ACLs: the project may have changed those. */
export const platformTablesQuery = wrap(`
  select n.nspname as schema, c.relname as name, c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced,
    ${aclEntries('c.relacl', 'c.relowner', 'r')} as acl
  from pg_class c join platform_ns n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p') and not c.relispartition
    and ${notExtensionMember('c', 'pg_class')}`);

/** Publications, with the tables and schemas they publish (a table in any schema counts). */
export const publicationsQuery = wrap(`
  select p.pubname as name, p.puballtables as all_tables,
    array_remove(array[case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
      case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end], null) as operations,
    (select json_agg(json_build_object('schema', tn.nspname, 'name', t.relname) order by tn.nspname, t.relname)
       from pg_publication_rel r join pg_class t on t.oid = r.prrelid join pg_namespace tn on tn.oid = t.relnamespace
       where r.prpubid = p.oid) as tables,
    (select json_agg(sn.nspname order by sn.nspname)
       from pg_publication_namespace pn join pg_namespace sn on sn.oid = pn.pnnspid where pn.pnpubid = p.oid) as schemas
  from pg_publication p`);

export const functionsQuery = wrap(`
  select n.nspname as schema, p.proname as name, p.prokind as kind,
    pg_get_function_identity_arguments(p.oid) as identity_args,
    pg_get_function_arguments(p.oid) as args, oidvectortypes(p.proargtypes) as arg_types,
    case when p.prokind = 'f' then pg_get_function_result(p.oid) end as returns,
    l.lanname as language, p.provolatile as volatility, p.proisstrict as strict,
    p.prosecdef as security_definer, p.proleakproof as leakproof, p.proparallel as parallel,
    p.proconfig as config,
    case when p.procost <> case when l.lanname in ('c', 'internal') then 1 else 100 end then p.procost end as cost,
    case when p.proretset and p.prorows <> 1000 then p.prorows end as rows,
    ${aclEntries('p.proacl', 'p.proowner', 'f')} as acl,
    case when p.prosqlbody is not null then pg_get_function_sqlbody(p.oid) else p.prosrc end as body,
    p.prosqlbody is not null as standard_body,
    obj_description(p.oid, 'pg_proc') as comment
  from pg_proc p join ns n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
  where p.prokind in ('f', 'p')
    and ${notExtensionMember('p', 'pg_proc')}
    -- A range type's constructors come and go with the type (an internal dependency): not the project's functions.
    and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'i')`);

/**
 * Triggers on tables in scope, and triggers whose function is in scope (a user trigger on a
 * platform table such as `auth.users` belongs to the project that wrote it).
 */
export const triggersQuery = wrap(`
  select tn.nspname as schema, c.relname as table, t.tgname as name,
    pg_get_triggerdef(t.oid) as definition, t.tgenabled as enabled,
    fn.nspname as function_schema, f.proname as function_name,
    pg_get_function_identity_arguments(f.oid) as function_args,
    obj_description(t.oid, 'pg_trigger') as comment
  from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace tn on tn.oid = c.relnamespace
  join pg_proc f on f.oid = t.tgfoid join pg_namespace fn on fn.oid = f.pronamespace
  where not t.tgisinternal and t.tgparentid = 0
    and (tn.oid in (select oid from ns) or fn.oid in (select oid from ns))`);

/** ALTER DEFAULT PRIVILEGES entries in the schemas in scope, and those for every schema; the role's own privileges left out. */
export const defaultPrivilegesQuery = wrap(`
  select pg_get_userbyid(d.defaclrole) as role, n.nspname as schema, d.defaclobjtype as objtype,
    (select json_agg(json_build_object('grantee', case when e.grantee = 0 then 'PUBLIC' else pg_get_userbyid(e.grantee) end,
        'privilege', e.privilege_type, 'grantable', e.is_grantable))
      from aclexplode(d.defaclacl) e where e.grantee <> d.defaclrole) as acl
  from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace
  where d.defaclnamespace = 0 or d.defaclnamespace in (select oid from ns)`);

export const ALL_QUERIES = {
  schemas: schemasQuery,
  extensions: extensionsQuery,
  collations: collationsQuery,
  types: typesQuery,
  sequences: sequencesQuery,
  relations: relationsQuery,
  constraints: constraintsQuery,
  indexes: indexesQuery,
  policies: policiesQuery,
  functions: functionsQuery,
  triggers: triggersQuery,
  platformTables: platformTablesQuery,
  publications: publicationsQuery,
  defaultPrivileges: defaultPrivilegesQuery,
} as const;

export type QueryName = keyof typeof ALL_QUERIES;
