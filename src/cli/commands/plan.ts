/**
 * `pgdrift plan <from> <to>`: the SQL that turns a database in state <from> into <to>, verified on a
 * shadow copy of <from> unless --no-verify. A plan that does not converge is never printed as good.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { UserError } from '../../errors.js';
import type { RenameDecision } from '../../diff/renames.js';
import { quoteIdent } from '../../model/ident.js';
import type { KeptShadow } from '../../plan/verify.js';
import { DEFAULT_SCOPE } from '../../inspect/scope.js';
import { EXIT } from '../exit.js';
import { resolveSourceName } from '../../config/config.js';
import { isReplayed, parseSourceSpec, type SourceSpec } from '../../sources/resolve.js';
import { isPostgresUrl } from '../../sources/url.js';
import { addCommonOptions, Workspace, type CommonFlags, type NamedSource } from '../options.js';

/**
 * What plans, verifies and parses: loaded while the sources are read, after their shadows' code (a
 * PGlite thread starts sooner without waiting for a hundred modules it does not need).
 */
const planning = () => Promise.all([import('../../plan/plan.js'), import('../../plan/verify.js'), import('../../plan/catalog-check.js'), import('../../sources/sql.js')]);
type Planning = Awaited<ReturnType<typeof planning>>;

const shadows = () => import('../../shadow/create.js');

interface PlanFlags extends CommonFlags {
  out?: string;
  allowDestructive?: boolean;
  verify: boolean;
  backfill?: boolean;
  name?: string;
  allowUnplanned?: boolean;
  rollback?: string;
}

/** The renames the other way round (`public.a` → `b` becomes `public.b` → `a`): the rollback renames back. */
function reversed(renames: RenameDecision[]): RenameDecision[] {
  return renames.map((r) => {
    const last = /(?:"(?:[^"]|"")*"|[^."]+)$/.exec(r.from)?.[0] ?? r.from;
    const oldName = last.startsWith('"') ? last.slice(1, -1).replaceAll('""', '"') : last;
    return { ...r, from: r.from.slice(0, r.from.length - last.length) + quoteIdent(r.to), to: oldName };
  });
}

/** A migration file name in Supabase's form: <UTC yyyymmddhhmmss>_<name>.sql. */
export function migrationFileName(now: Date, name: string): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}_${name.replace(/[^A-Za-z0-9_]+/g, '_')}.sql`;
}

export function planCommand(): Command {
  const cmd = new Command('plan')
    .description('print (or --out write) the SQL that turns <from> into <to>, verified to converge on a shadow copy')
    .argument('<from>', 'the current state: a source, or a source named in the config')
    .argument('<to>', 'the desired state (source of truth)')
    .option('--out <file-or-folder>', 'write the plan to a file; given a folder (supabase/migrations), a new timestamped migration in it')
    .option('--name <name>', 'name of the migration written into a folder by --out', 'pgdrift_plan')
    .option('--allow-destructive', 'also drop what <to> does not have and make lossy type changes (each marked with what it loses)')
    .option('--backfill', 'add new NOT NULL columns nullable, leave a backfill step, then set NOT NULL')
    .option('--no-verify', 'do not run the plan on a shadow copy of <from> to check it converges')
    .option('--rollback <file>', 'also write the plan that returns from <to> to <from>, verified to converge back after the plan (what it cannot restore, such as dropped data, is said in its comments)')
    .option('--allow-unplanned', 'exit 0 even when differences are left out of the plan (listed under "Not planned"); otherwise they exit 1');
  return addCommonOptions(cmd).action(async (fromArg: string, toArg: string, flags: PlanFlags) => {
    const ws = await Workspace.open(flags, { catalog: flags.verify });
    // A live or snapshot <from> is verified on a shadow rebuilt from its model: it opens while the
    // sources are read (on a server, only when <to> is not replayed there too: one shadow at a time).
    // Each argument's one source (loadOne refuses an argument that names several).
    const specOf = (arg: string) => {
      const [spec, ...more] = resolveSourceName(ws.config, arg).specs;
      return spec && !more.length ? parseSourceSpec(spec) : undefined;
    };
    const specs = { from: specOf(fromArg), to: specOf(toArg) };
    const readOnly = (s: SourceSpec | undefined) => s?.kind === 'live' || s?.kind === 'snapshot' || s?.kind === 'types';
    if (flags.verify && readOnly(specs.from) && (ws.shadow === 'pglite' || readOnly(specs.to))) (await shadows()).prewarmShadow(ws.shadow, flags.supabase ?? ws.config.supabase ?? false);
    // The verification runs on the shadow <from> is replayed into to read it. Shadows on a server run
    // one at a time (see shadow/server.ts), so there <from>'s, kept open, is made after <to>'s is closed.
    // The catalog of that shadow (the state before the plan) is read once its model is, while <to>
    // loads and the plan is made.
    const toLoad = ws.loadOne(toArg);
    const loadFrom = () => ws.loadOne(fromArg, { keepShadow: flags.verify, ...(isReplayed(specs.from) ? { catalog: false } : {}) }).then(startCatalogRead(ws));
    const loading = Promise.allSettled([isPostgresUrl(ws.shadow) ? toLoad.then(loadFrom) : loadFrom(), toLoad]);
    const modules = planning();
    const loads = await loading;
    const fromShadow = loads[0].status === 'fulfilled' ? loads[0].value.kept : undefined;
    try {
      const [from, to] = loads.map((l) => {
        if (l.status === 'rejected') throw l.reason;
        return l.value;
      }) as [NamedSource, NamedSource];
      await planAndWrite(await modules, ws, { ...from, spec: specs.from! }, { ...to, spec: specs.to! }, flags, fromShadow);
    } finally {
      await fromShadow?.shadow.close();
      await (await shadows()).discardPrewarmed();
    }
  });
}

/** Once a source is loaded into a shadow kept open, that shadow's catalog is being read. */
function startCatalogRead(ws: Workspace) {
  return (source: NamedSource): NamedSource & { kept?: KeptShadow } => {
    const shadow = source.shadow;
    if (!shadow) return source;
    const catalog = import('../../inspect/catalog-state.js').then((m) => m.readCatalogState(shadow, ws.scope ?? DEFAULT_SCOPE));
    // Awaited by the verification, or by no one when it does not get that far.
    catalog.catch(() => undefined);
    return { ...source, kept: { shadow, catalog } };
  };
}

/** Plan <from> → <to>, verify it (on <from>'s own shadow when it was kept open), and write the plan and its rollback. */
async function planAndWrite([{ plan, renderPlan, unconfirmedRenames }, { verifyPlan }, { describeCatalogDifference }, { loadParser }]: Planning, ws: Workspace, from: NamedSource & { spec: SourceSpec }, to: NamedSource & { spec: SourceSpec }, flags: PlanFlags, fromShadow: KeptShadow | undefined): Promise<void> {
  const renames = ws.config.renames;
  const planned = plan(from.schema, to.schema, { allowDestructive: flags.allowDestructive, renames, backfill: flags.backfill });
  for (const r of unconfirmedRenames(from.schema, to.schema, renames)) {
    planned.withheld.push({ object: r.object, reason: `probably renamed to ${r.renamedTo} (confidence ${r.confidence}): confirm it under "renames" in the config to plan a RENAME instead of an add and a drop` });
  }
  const header = [`pgdrift plan: ${from.label} → ${to.label}`];
  // Back from <to> to <from>: whatever the plan added is dropped again, so it is destructive by nature.
  const rollback = flags.rollback ? plan(to.schema, from.schema, { allowDestructive: true, renames: reversed(renames) }) : undefined;
  if (flags.verify) {
    const catalogs = { from: from.catalog, to: to.catalog };
    const targetKind = to.spec.kind;
    const { remaining, unmodelled, catalogSkipped, rollbackRemaining, fromCache } = await verifyPlan(from.spec, from.schema, to.schema, planned, {
      shadow: flags.shadow ?? ws.config.shadow, supabase: flags.supabase ?? ws.config.supabase, scope: ws.scope, timeouts: ws.timeouts, catalogs, targetKind, ...(rollback ? { rollback } : {}),
      ...(flags.cache === false ? { cache: false } : {}), ...(ws.config.roles || flags.role ? { roles: flags.role ?? ws.config.roles } : {}), ...(fromShadow ? { fromShadow } : {}),
    });
    if (rollbackRemaining?.length) {
      throw new UserError(`the rollback plan does not return to ${from.label}: after the plan and the rollback, ${rollbackRemaining.length} difference${rollbackRemaining.length === 1 ? '' : 's'} remain: ${rollbackRemaining.slice(0, 3).map((c) => c.message).join('; ')}`);
    }
    if (remaining.length) {
      const shown = remaining.slice(0, 3).map((c) => c.message).join('; ');
      throw new UserError(`the plan does not converge: after it runs, ${remaining.length} difference${remaining.length === 1 ? '' : 's'} remain: ${shown}${remaining.length > 3 ? '; …' : ''} (pgdrift diff shows them all)`);
    }
    if (unmodelled.length) {
      const shown = unmodelled.slice(0, 3).map(describeCatalogDifference).join('; ');
      throw new UserError(`the plan does not converge, in what pgdrift cannot yet plan: ${unmodelled.length} catalog difference${unmodelled.length === 1 ? '' : 's'} remain: ${shown}${unmodelled.length > 3 ? '; …' : ''}`);
    }
    const but = planned.withheld.length ? ' but those listed as not planned' : '';
    header.push(catalogSkipped
      ? `verified in pgdrift's model only (${catalogSkipped}): run on a shadow copy of the current schema, it leaves no difference${but}`
      : `verified: run on a shadow copy of the current schema, its catalog matches the target's${but}`);
    if (fromCache) header.push('(this plan was verified on these same files and this target before: the result is the replay cache\'s)');
  } else header.push('not verified (--no-verify)');
  await loadParser();
  const text = renderPlan(planned, header);
  if (rollback && flags.rollback) {
    const verified = flags.verify ? `verified: run after the plan on the shadow copy, it returns to ${from.label}` : 'not verified (--no-verify)';
    const lost = rollback.steps.filter((s) => s.destructive).length;
    const rollbackHeader = [`pgdrift rollback plan: ${to.label} → ${from.label} (undoes the plan beside it)`, verified, ...(lost ? [`${lost} step${lost === 1 ? '' : 's'} cannot restore data: each is marked DESTRUCTIVE with what it loses`] : [])];
    writeFileSync(flags.rollback, renderPlan(rollback, rollbackHeader));
    process.stderr.write(`pgdrift: wrote the rollback plan (${rollback.steps.length} steps) to ${flags.rollback}\n`);
  }
  if (!flags.out) process.stdout.write(text);
  else {
    const target = existsSync(flags.out) && statSync(flags.out).isDirectory() ? join(flags.out, migrationFileName(new Date(), flags.name ?? 'pgdrift_plan')) : flags.out;
    writeFileSync(target, text);
    process.stderr.write(`pgdrift: wrote ${planned.steps.length} steps to ${target}\n`);
  }
  if (planned.withheld.length && !flags.allowUnplanned) {
    process.stderr.write(`pgdrift: ${planned.withheld.length} difference${planned.withheld.length === 1 ? ' is' : 's are'} not planned (listed at the end of the plan): exit 1; pass --allow-unplanned to accept them\n`);
    process.exitCode = EXIT.findings;
  }
}
