/** Temporary folders for a test file, removed when the file's tests end (also when they fail). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A new empty folder, removed when the file's tests end. */
export function tempDir(prefix = 'pgdrift-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A new folder holding these files (paths relative to it); returns its path. */
export function tempFiles(files: Record<string, string>, prefix = 'pgdrift-test-'): string {
  const dir = tempDir(prefix);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
