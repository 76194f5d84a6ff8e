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

/**
 * What uses what, from pg_depend: each normal dependency (the kind that makes PostgreSQL refuse a
 * DROP) between two objects in scope, both described as the model names them. An array type stands
 * for its element, a row type for its relation, a composite type's attribute for the type, a view's
 * rule for the view, a column's default (or generation expression) for the column. Extensions'
 * objects are left out, as everywhere.
 */
export const dependenciesQuery = wrap(`
  with dep as (
    select d.classid, d.objid, d.objsubid, d.refclassid,
      coalesce((select t.typelem from pg_type t where d.refclassid = 'pg_type'::regclass and t.oid = d.refobjid
                and t.typcategory = 'A' and t.typelem <> 0), d.refobjid) as refobjid
    from pg_depend d where d.deptype = 'n'
  ), involved as (
    -- Extensions' own objects are not the project's.
    (select classid, objid from dep union select refclassid, refobjid from dep)
    except select classid, objid from pg_depend where deptype = 'e'
  ), described as (
    select 'pg_proc'::regclass::oid as classid, p.oid as objid, 0 as subid,
      jsonb_build_object('kind', 'function', 'schema', n.nspname, 'name', p.proname, 'args', pg_get_function_identity_arguments(p.oid)) as o
    from pg_proc p join ns n on n.oid = p.pronamespace
    where ('pg_proc'::regclass, p.oid) in (select * from involved)
    union all
    select 'pg_type'::regclass::oid, t.oid, 0, jsonb_build_object('kind', case c.relkind when 'v' then 'view' when 'm' then 'view'
        when 'r' then 'table' when 'p' then 'table' when 'f' then 'table' else 'type' end, 'schema', n.nspname, 'name', coalesce(c.relname, t.typname))
    from pg_type t join ns n on n.oid = t.typnamespace left join pg_class c on c.oid = t.typrelid
    where not (t.typcategory = 'A' and t.typelem <> 0) and ('pg_type'::regclass, t.oid) in (select * from involved)
    union all
    select 'pg_class'::regclass::oid, c.oid, 0, case when c.relkind in ('i', 'I')
        then jsonb_build_object('kind', 'index', 'schema', n.nspname, 'name', c.relname, 'parent', (select t.relname from pg_index i join pg_class t on t.oid = i.indrelid where i.indexrelid = c.oid))
        else jsonb_build_object('kind', case c.relkind when 'v' then 'view' when 'm' then 'view' when 'S' then 'sequence' when 'c' then 'type' else 'table' end, 'schema', n.nspname, 'name', c.relname) end
    from pg_class c join ns n on n.oid = c.relnamespace
    where ('pg_class'::regclass, c.oid) in (select * from involved)
    union all
    select 'pg_class'::regclass::oid, c.oid, a.attnum, case when c.relkind = 'c'
        then jsonb_build_object('kind', 'type', 'schema', n.nspname, 'name', c.relname)
        else jsonb_build_object('kind', 'column', 'schema', n.nspname, 'parent', c.relname, 'name', a.attname) end
    from pg_attribute a join pg_class c on c.oid = a.attrelid join ns n on n.oid = c.relnamespace
    where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f', 'c') and ('pg_class'::regclass, c.oid) in (select * from involved)
    union all
    select 'pg_attrdef'::regclass::oid, d.oid, 0, jsonb_build_object('kind', case when a.attgenerated <> '' then 'generated column' else 'default' end,
        'schema', n.nspname, 'parent', c.relname, 'name', a.attname)
    from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
    join pg_class c on c.oid = d.adrelid join ns n on n.oid = c.relnamespace
    union all
    select 'pg_constraint'::regclass::oid, k.oid, 0, jsonb_build_object('kind', case when k.contypid <> 0 then 'domain constraint' else 'constraint' end,
        'schema', n.nspname, 'parent', coalesce(c.relname, t.typname), 'name', k.conname)
    from pg_constraint k join ns n on n.oid = k.connamespace
    left join pg_class c on c.oid = k.conrelid left join pg_type t on t.oid = k.contypid
    where k.conrelid <> 0 or k.contypid <> 0
    union all
    select 'pg_trigger'::regclass::oid, g.oid, 0, jsonb_build_object('kind', 'trigger', 'schema', n.nspname, 'parent', c.relname, 'name', g.tgname)
    from pg_trigger g join pg_class c on c.oid = g.tgrelid join ns n on n.oid = c.relnamespace
    where not g.tgisinternal
    union all
    select 'pg_policy'::regclass::oid, y.oid, 0, jsonb_build_object('kind', 'policy', 'schema', n.nspname, 'parent', c.relname, 'name', y.polname)
    from pg_policy y join pg_class c on c.oid = y.polrelid join ns n on n.oid = c.relnamespace
    union all
    select 'pg_rewrite'::regclass::oid, r.oid, 0, jsonb_build_object('kind', 'view', 'schema', n.nspname, 'name', c.relname)
    from pg_rewrite r join pg_class c on c.oid = r.ev_class join ns n on n.oid = c.relnamespace
  )
  select distinct o.o as object, r.o as uses
  from dep d
  join described o on o.classid = d.classid and o.objid = d.objid and o.subid = d.objsubid
  join described r on r.classid = d.refclassid and r.objid = d.refobjid and r.subid = 0
  where o.o <> r.o and r.o->>'kind' <> 'index'`);

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
  dependencies: dependenciesQuery,
} as const;

export type QueryName = keyof typeof ALL_QUERIES;
