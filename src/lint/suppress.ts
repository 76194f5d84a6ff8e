/**
 * Inline suppression: `-- pgdrift-ignore rule-id[, rule-id]: reason` on the line above a statement
 * (or at the end of its first line) silences those rules for that statement;
 * `-- pgdrift-ignore-file rule-id: reason` silences them for the whole file. A suppressed finding
 * stays in the report, marked with its reason, and no longer counts for the exit code.
 */
import { printable } from '../model/ident.js';
import { LineIndex } from '../sources/line-index.js';
import type { LintFile, LintFinding } from './types.js';

export interface Suppression {
  rules: string[];
  reason: string;
  /** The statement's first and last line it covers, or the whole file. */
  lines?: { from: number; to: number };
}

const DIRECTIVE = /--\s*pgdrift-ignore(-file)?\s+([\w-]+(?:\s*,\s*[\w-]+)*)\s*(?::\s*(.*?))?\s*$/gm;

export function suppressions(file: LintFile): Suppression[] {
  const index = new LineIndex(file.text);
  const spans = file.statements.map((s) => ({ start: s.offset, end: s.offset + s.text.length, from: s.line, to: index.locate(s.offset + s.text.length).line }));
  const out: Suppression[] = [];
  for (const m of file.text.matchAll(DIRECTIVE)) {
    const rules = m[2]!.split(',').map((r) => r.trim());
    const reason = printable(m[3] || 'no reason given');
    if (m[1]) {
      out.push({ rules, reason });
      continue;
    }
    const line = index.locate(m.index).line;
    // Inside a statement, or after it on its last line, it is about that statement; otherwise about the next one.
    const target = spans.find((s) => s.start <= m.index && m.index <= s.end + 1) ?? spans.find((s) => s.to === line && s.end <= m.index) ?? spans.find((s) => s.start > m.index);
    if (target) out.push({ rules, reason, lines: { from: target.from, to: target.to } });
  }
  return out;
}

/** The findings with `suppressed` set where a directive in their file covers them. */
export function applySuppressions(findings: LintFinding[], files: LintFile[]): LintFinding[] {
  const byFile = new Map(files.map((f) => [f.path, suppressions(f)]));
  return findings.map((f) => {
    const s = byFile.get(f.file)?.find((d) => d.rules.includes(f.rule) && (!d.lines || (d.lines.from <= f.line && f.line <= d.lines.to)));
    return s ? { ...f, suppressed: s.reason } : f;
  });
}
