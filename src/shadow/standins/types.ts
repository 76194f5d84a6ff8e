/**
 * A stand-in for an extension the shadow engine lacks: a real extension (control file + script)
 * that creates the same names (types, operators, functions, access methods) with no behaviour, so
 * migrations that use the extension replay and the model records the original types
 * (`vector(1536)` stays `vector(1536)`). Stand-ins are installed only into shadow databases.
 */
export interface StandinExtension {
  name: string;
  version: string;
  /**
   * A schema the extension's objects always live in, whatever schema it is created "in" (pg_net's
   * `net`, pg_cron's `cron`). The script creates it; such an extension is not relocatable.
   */
  ownSchema?: string;
  /** The schema the extension is always created in (the control file's `schema`), when it has one. */
  schema?: string;
  requires?: string[];
  /** Roles the extension creates (cluster-wide: a server shadow drops them again). */
  roles?: string[];
  /** The extension script; `@extschema@` is the schema it is created in. */
  script: string;
}

/** The script as installed: the extension's own schema first, when it has one. */
export function installScript(ext: StandinExtension): string {
  const roles = (ext.roles ?? []).map(
    (r) => `DO $pgdrift$ BEGIN CREATE ROLE ${r} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $pgdrift$;`,
  );
  // A schema named in the control file is created by CREATE EXTENSION itself, outside the extension.
  const schema = ext.ownSchema && ext.ownSchema !== ext.schema ? [`CREATE SCHEMA IF NOT EXISTS ${ext.ownSchema};`] : [];
  return [...roles, ...schema, ext.script].join('\n');
}

export function controlFile(ext: StandinExtension): string {
  const lines = [
    `default_version = '${ext.version}'`,
    `comment = 'pgdrift stand-in for ${ext.name}: same names, no behaviour'`,
    `relocatable = ${ext.ownSchema ? 'false' : 'true'}`,
    'superuser = true',
  ];
  if (ext.schema) lines.push(`schema = '${ext.schema}'`);
  if (ext.requires?.length) lines.push(`requires = '${ext.requires.join(', ')}'`);
  return lines.join('\n') + '\n';
}
