/**
 * Identifier quoting and object identities. Identities are what the model, the diff and every report
 * use to name an object: `public.users`, `public."User".id`, `public.touch(integer)`. A part is quoted
 * exactly when Postgres would need it quoted, so an identity can be pasted into SQL.
 */
import { RESERVED_KEYWORDS } from './keywords.js';

const SIMPLE = /^[a-z_][a-z0-9_$]*$/;

/** Characters that must never reach output raw: C0 and C1 controls, DEL, line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
const CONTROLS = new RegExp(CONTROL.source, 'gu');
const hex4 = (ch: string) => ch.codePointAt(0)!.toString(16).padStart(4, '0');

/**
 * Quote an identifier for SQL the way Postgres' quote_ident does. A name holding a control character
 * (a newline, an escape sequence) is written as a Unicode-escaped identifier, `U&"a\000ab"`, which is
 * the same name: so an identity can be put in a comment or on a terminal and never leave its token.
 */
export function quoteIdent(name: string): string {
  if (SIMPLE.test(name) && !RESERVED_KEYWORDS.has(name)) return name;
  if (CONTROL.test(name)) {
    let body = '';
    for (const ch of name) body += ch === '\\' ? '\\\\' : ch === '"' ? '""' : CONTROL.test(ch) ? `\\${hex4(ch)}` : ch;
    return `U&"${body}"`;
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** Text for a report line, a terminal or an SQL comment: control characters become visible escapes (`\u000a`). */
export function printable(text: string): string {
  return text.replace(CONTROLS, (ch) => `\\u${hex4(ch)}`);
}

/** `$pgdrift$body$pgdrift$`, with a tag the body does not hold (names and bodies may hold `$pgdrift$`). */
export function dollarQuote(body: string): string {
  let tag = '$pgdrift$';
  for (let i = 0; body.includes(tag); i++) tag = `$pgdrift${i}$`;
  return `${tag}${body}${tag}`;
}

/**
 * `'identity'::regclass` for a relation's identity. regclass input does not read `U&"…"`: such a part
 * is given in the plain quoted form, its characters raw inside an escaped literal.
 */
export function regclass(identity: string): string {
  const plain = identity.replace(/U&"((?:[^"]|"")*)"/g, (_, body: string) => {
    const raw = body.replace(/\\(\\|[0-9a-f]{4})/gi, (__, e: string) => (e === '\\' ? '\\' : String.fromCodePoint(parseInt(e, 16))));
    return `"${raw}"`;
  });
  return `${quoteLiteral(plain)}::regclass`;
}

/** `schema.name`, each part quoted only when needed. */
export function qualify(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Quote a SQL string literal; one holding control characters is written with escapes (`E'a\u000ab'`). */
export function quoteLiteral(value: string): string {
  if (!CONTROL.test(value)) return `'${value.replaceAll("'", "''")}'`;
  let body = '';
  for (const ch of value) body += ch === '\\' ? '\\\\' : ch === "'" ? "''" : CONTROL.test(ch) ? `\\u${hex4(ch)}` : ch;
  return `E'${body}'`;
}

export function tableId(t: { schema: string; name: string }): string {
  return qualify(t.schema, t.name);
}

export function columnId(table: { schema: string; name: string }, column: string): string {
  return `${tableId(table)}.${quoteIdent(column)}`;
}

/**
 * `schema.name(args)`. The arguments are PostgreSQL's own text; a quoted parameter name in it that
 * holds a control character is written Unicode-escaped, like every other name.
 */
export function functionId(f: { schema: string; name: string; identityArgs: string }): string {
  const args = CONTROL.test(f.identityArgs) ? f.identityArgs.replace(/(?<!U&)"((?:[^"]|"")*)"/g, (quoted, body: string) => (CONTROL.test(body) ? quoteIdent(body.replaceAll('""', '"')) : quoted)) : f.identityArgs;
  return `${qualify(f.schema, f.name)}(${args})`;
}

type Signed = { schema: string; name: string; identityArgs: string; argTypes?: string };

/**
 * How to pair functions of two schemas: by name and input types, as PostgreSQL does (a renamed
 * parameter is the same function), or by identity arguments where a side lacks the types (an
 * older snapshot).
 */
export function functionMatcher(...sides: Signed[][]): (f: Signed) => string {
  const typed = sides.every((fs) => fs.every((f) => f.argTypes !== undefined));
  return (f) => `${qualify(f.schema, f.name)}(${typed ? f.argTypes : f.identityArgs})`;
}

/** Whether SQL text names `name` (a qualified name as qualify() spells it) whole, not as part of a longer name. */
export function mentions(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const before = text[i - 1];
    const after = text[i + name.length];
    if ((before === undefined || !/[\w."$]/.test(before)) && (after === undefined || !/[\w"$]/.test(after))) return true;
  }
  return false;
}
