/** A command's JSON document: its format and version first (see contract.ts), then its report. */
export const JSON_FORMAT_VERSION = 1;

export function jsonDocument(command: string, report: object): string {
  return JSON.stringify({ format: `pgdrift-${command}`, version: JSON_FORMAT_VERSION, ...report }, null, 2) + '\n';
}
