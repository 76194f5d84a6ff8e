/** Terminal colors, only when writing to a terminal and NO_COLOR is unset. */
import type { Severity } from '../diff/types.js';

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

const CODES = { red: 31, yellow: 33, dim: 2, bold: 1, green: 32 } as const;

export function paint(on: boolean, color: keyof typeof CODES, text: string): string {
  return on ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text;
}

export function severityColor(s: Severity): keyof typeof CODES {
  return s === 'error' ? 'red' : s === 'warning' ? 'yellow' : 'dim';
}
