/** Which policies apply to a role and a command. */
import type { PolicyDef } from '../model/types.js';

export const COMMANDS = ['select', 'insert', 'update', 'delete'] as const;
export type Command = (typeof COMMANDS)[number];

export function appliesTo(p: PolicyDef, role: string, command: Command): boolean {
  return (p.command === 'all' || p.command === command) && (p.roles.includes('public') || p.roles.includes(role));
}
