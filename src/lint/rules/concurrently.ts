/** Whether a statement asks for CONCURRENTLY, in its flag or its option list (`REINDEX (CONCURRENTLY false)` does not). */
import type { Node } from '../ast.js';
import { sval } from '../ast.js';

export function option(params: unknown, name: string): boolean {
  const elem = ((params ?? []) as { DefElem: Node }[]).find((p) => p.DefElem.defname === name)?.DefElem;
  if (!elem) return false;
  const arg = elem.arg as Node | undefined;
  const value = arg ? sval(arg) || String((arg as { Integer?: { ival?: number } }).Integer?.ival ?? (arg as { Boolean?: { boolval?: boolean } }).Boolean?.boolval ?? '') : 'true';
  return !/^(false|off|0|)$/i.test(value);
}
