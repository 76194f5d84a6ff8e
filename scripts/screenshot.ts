/**
 * `npm run screenshot`: the README's picture of the report (docs/report.png), made from the example
 * project in Debian's Chromium (the browser tests' own).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/helpers/report.js';

const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium found (apt-get install chromium, or set PGDRIFT_CHROMIUM)');
const dir = mkdtempSync(join(tmpdir(), 'pgdrift-screenshot-'));
try {
  const html = join(dir, 'report.html');
  const app = 'examples/supabase-app';
  const made = spawnSync(process.execPath, ['bin/pgdrift.js', 'report', `${app}/production.sql`, '--against', `${app}/supabase/migrations`, '--supabase', '-o', html], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 1);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 960 } });
  await page.goto(pathToFileURL(html).href);
  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/report.png' });
  await browser.close();
  console.log('wrote docs/report.png');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
