/**
 * A stand-in for an extension the shadow engine lacks: a real extension (control file + script)
 * that creates the same names (types, operators, functions, access methods) with no behaviour, so
 * migrations that use the extension replay and the model records the original types
 * (`vector(1536)` stays `vector(1536)`). Stand-ins are installed only into shadow databases.
 */
export interface StandinExtension {
  name: string;
  version: string;
  /** A schema the extension always lives in (control file `schema`), for non-relocatable ones. */
  schema?: string;
  requires?: string[];
  /** The extension script; `@extschema@` is the schema it is created in. */
  script: string;
}

export function controlFile(ext: StandinExtension): string {
  const lines = [
    `default_version = '${ext.version}'`,
    `comment = 'pgdrift stand-in for ${ext.name}: same names, no behaviour'`,
    `relocatable = ${ext.schema ? 'false' : 'true'}`,
    'superuser = true',
  ];
  if (ext.schema) lines.push(`schema = ${ext.schema}`);
  if (ext.requires?.length) lines.push(`requires = '${ext.requires.join(', ')}'`);
  return lines.join('\n') + '\n';
}
