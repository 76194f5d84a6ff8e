/**
 * Progress of long work (replaying hundreds of migrations, a fleet) on stderr, only when stderr is a
 * terminal (and NO_COLOR/TERM=dumb do not say otherwise): one line, rewritten in place, cleared when
 * done. Piped or in CI it writes nothing.
 */
import { useColor } from './color.js';

export interface Progress {
  step(done: number, note?: string): void;
  done(): void;
}

const SILENT: Progress = { step: () => undefined, done: () => undefined };

/** At most one repaint every 100 ms: a fast replay is not slowed by its own progress. */
export function progress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!useColor(stream) || total < 2) return SILENT;
  let last = 0;
  let shown = false;
  return {
    step(done, note) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const line = `${label}: ${done} of ${total}${note ? ` (${note})` : ''}`;
      stream.write(`\r\u001b[2K${line.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
