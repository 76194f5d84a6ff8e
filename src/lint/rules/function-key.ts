/** A function's identity in a migration: schema, name and argument types as written. */
import { sval, type Node } from '../ast.js';

function typeName(t: Node | undefined): string {
  const names = ((t?.names as unknown[]) ?? []).map(sval).filter((n) => n !== 'pg_catalog');
  return names.join('.') + (t?.arrayBounds ? '[]' : '');
}

/** From a CreateFunctionStmt or an ObjectWithArgs (DROP FUNCTION). */
export function functionKey(n: Node): string {
  const nameParts = ((n.funcname ?? n.objname) as unknown[] | undefined ?? []).map(sval);
  const name = nameParts.length > 1 ? nameParts.join('.') : `public.${nameParts[0]}`;
  const params = n.parameters
    ? (n.parameters as { FunctionParameter: { argType: Node; mode?: string } }[])
        .map((p) => p.FunctionParameter)
        .filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE')
        .map((p) => typeName(p.argType))
    : ((n.objargs as { TypeName: Node }[] | undefined) ?? []).map((a) => typeName(a.TypeName));
  return `${name}(${params.join(', ')})`;
}
