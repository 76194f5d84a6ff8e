/** require-statement-timeout (opt-in): without statement_timeout, a slow statement holds its lock for as long as it runs. */
import { timeoutRule } from './timeouts.js';

export const requireStatementTimeout = timeoutRule('require-statement-timeout', 'statement_timeout', 'a statement that runs long holds its lock, and blocks the table, for as long as it runs', "'5min'");
