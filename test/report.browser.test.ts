/**
 * `pgdrift report` in a real browser: Debian's headless Chromium, driven by playwright-core. The page
 * loads from a file:// URL with no console errors and no request leaving it; the diagram shows every
 * table of a 300-table schema; search, focus, links, zoom and pan work; printed, the controls go; and
 * the example project's diagram matches the expected picture within a tolerance.
 * Skipped, with the reason, where no Chromium is installed (npm test says so).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pgdrift } from './helpers/cli.js';
import { CHROMIUM_ARGS, findChromium, syntheticSchemaSql } from './helpers/report.js';
import { tempDir, tempFiles } from './helpers/temp.js';

const executablePath = findChromium();
const skip = executablePath ? false : 'no Chromium found (apt-get install chromium, or set PGDRIFT_CHROMIUM)';
const APP = 'examples/supabase-app';
const EXPECTED = 'test/fixtures/report/example-diagram.png';

let browser: Browser | undefined;
before(async () => {
  if (executablePath) browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
});

/** Writes the report of these arguments and returns its path. */
function writeReport(args: string[]): string {
  const out = join(tempDir(), 'report.html');
  const r = pgdrift(['report', ...args, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  return out;
}

/** Opens a report; `problems` collects console errors, page errors and any request that is not the file itself. */
async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser!.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => !/^(file|blob|data):/.test(r.url()) && problems.push(`request: ${r.url()}`));
  await page.goto(pathToFileURL(path).href);
  return { page, problems };
}

const viewBox = (page: Page) => page.$eval('#erd', (svg) => svg.getAttribute('viewBox')!.split(' ').map(Number));

test('the example report loads offline with no errors; a finding\'s link focuses its table', { skip }, async () => {
  const { page, problems } = await open(writeReport([`${APP}/production.sql`, '--against', `${APP}/supabase/migrations`, '--supabase']));
  try {
    const drawn = await page.$$eval('#erd g.table', (gs) => gs.map((g) => {
      const b = (g as SVGGElement).getBBox();
      return { id: g.getAttribute('data-table'), visible: b.width > 50 && b.height > 20 };
    }));
    const data = JSON.parse(await page.$eval('#pgdrift-data', (s) => s.textContent!)) as { inspect: { schema: { tables: { schema: string; name: string; platform?: unknown }[] } } };
    const own = data.inspect.schema.tables.filter((t) => !t.platform).map((t) => `${t.schema}.${t.name}`);
    assert.deepEqual(drawn.filter((d) => own.includes(d.id!)).map((d) => d.id).sort(), own.sort());
    assert.ok(drawn.every((d) => d.visible));
    await page.click('#findings a[data-focus]');
    const picked = await page.$eval('#erd g.picked', (g) => g.getAttribute('data-table'));
    assert.equal(picked, await page.$eval('#findings a[data-focus]', (a) => a.textContent!.split('.').slice(0, 2).join('.')));
    assert.equal(await page.$eval('#erd', (svg) => svg.classList.contains('focused')), true);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('300 tables: every one is drawn, search finds one and focuses it with its neighbours', { skip }, async () => {
  const path = writeReport([join(tempFiles({ 's.sql': syntheticSchemaSql(300) }), 's.sql'), '--no-lint']);
  const { page, problems } = await open(path);
  try {
    const drawn = await page.$$eval('#erd g.table', (gs) => gs.map((g) => [g.getAttribute('data-table'), (g as SVGGElement).getBBox().width > 0]));
    assert.equal(drawn.length, 300);
    assert.equal(new Set(drawn.map(([id]) => id)).size, 300);
    assert.ok(drawn.every(([, shown]) => shown));
    const whole = await viewBox(page);
    await page.fill('#search', 'table_12');
    assert.ok((await page.$$('#matches li')).length >= 11, 'table_12, table_120… listed');
    await page.press('#search', 'Enter');
    assert.equal(await page.$eval('#erd g.picked', (g) => g.getAttribute('data-table')), 'public.table_12');
    assert.match(await page.textContent('#focus-status') ?? '', /^public\.table_12 and \d+ neighbours?$/);
    // The view moved to it: the picked box lies inside the view, which is smaller than the whole.
    const [x, y, w, h] = await viewBox(page);
    const box = await page.$eval('#erd g.picked', (g) => g.getAttribute('data-box')!.split(' ').map(Number));
    assert.ok(box[0]! >= x! && box[1]! >= y! && box[0]! + box[2]! <= x! + w! && box[1]! + box[3]! <= y! + h!, `${box} in ${[x, y, w, h]}`);
    assert.ok(w! < whole[2]!);
    const dimmed = await page.$$eval('#erd g.table:not(.on)', (gs) => gs.length);
    assert.ok(dimmed > 250);
    // Escape clears the search and shows the whole schema again.
    await page.press('#search', 'Escape');
    assert.deepEqual(await viewBox(page), whole);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('zoom with the wheel and the buttons, pan by dragging; printed, the controls are gone', { skip }, async () => {
  const { page, problems } = await open(writeReport([`${APP}/supabase/migrations`, '--no-lint']));
  try {
    const whole = await viewBox(page);
    const svg = (await page.$('#erd'))!.boundingBox();
    const { x, y, width, height } = (await svg)!;
    await page.mouse.move(x + width / 2, y + height / 2);
    await page.mouse.wheel(0, -400);
    const zoomed = await viewBox(page);
    assert.ok(zoomed[2]! < whole[2]! * 0.8, `${zoomed} after zooming in from ${whole}`);
    await page.mouse.down();
    await page.mouse.move(x + width / 2 + 120, y + height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    const panned = await viewBox(page);
    assert.ok(panned[0]! < zoomed[0]! && panned[2] === zoomed[2], `${panned} after dragging right from ${zoomed}`);
    await page.click('#zoom-fit');
    assert.deepEqual(await viewBox(page), whole);
    await page.click('#zoom-in');
    assert.ok((await viewBox(page))[2]! < whole[2]!);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.$eval('#diagram .toolbar', (el) => getComputedStyle(el).display), 'none');
    assert.ok((await page.pdf({ format: 'A4' })).length > 10_000);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the example project\'s diagram looks as expected (within 1.5% of its pixels)', { skip }, async () => {
  const { page } = await open(writeReport([`${APP}/production.sql`, '--against', `${APP}/supabase/migrations`, '--supabase', '--no-lint']), { width: 1280, height: 900 });
  try {
    const shot = PNG.sync.read(await (await page.$('#erd'))!.screenshot());
    if (process.env.PGDRIFT_UPDATE_SCREENSHOTS || !existsSync(EXPECTED)) {
      writeFileSync(EXPECTED, PNG.sync.write(shot));
      if (!process.env.PGDRIFT_UPDATE_SCREENSHOTS) assert.fail(`${EXPECTED} did not exist: written; look at it and commit it`);
    }
    const expected = PNG.sync.read(readFileSync(EXPECTED));
    assert.deepEqual([shot.width, shot.height], [expected.width, expected.height]);
    const differing = pixelmatch(shot.data, expected.data, undefined, shot.width, shot.height, { threshold: 0.2 });
    const share = differing / (shot.width * shot.height);
    assert.ok(share < 0.015, `${(share * 100).toFixed(2)}% of the pixels differ from ${EXPECTED} (PGDRIFT_UPDATE_SCREENSHOTS=1 rewrites it)`);
    // Not vacuous: the same comparison sees a table moved.
    const moved = PNG.sync.read(PNG.sync.write(shot));
    PNG.bitblt(shot, moved, 0, 0, Math.floor(shot.width / 2), shot.height, 40, 0);
    assert.ok(pixelmatch(moved.data, expected.data, undefined, shot.width, shot.height, { threshold: 0.2 }) / (shot.width * shot.height) > 0.015);
  } finally {
    await page.close();
  }
});
