/** require-lock-timeout (opt-in): without lock_timeout, a statement waiting for its lock stalls every query behind it. */
import { timeoutRule } from './timeouts.js';

export const requireLockTimeout = timeoutRule('require-lock-timeout', 'lock_timeout', 'while it waits for the lock, every later query on the table queues behind it', "'5s'");
