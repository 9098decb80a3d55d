import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';

/**
 * Browser figures of the web app (issue 3), on a server seeded at the `un` scale: the people table's
 * first page, a page change and a search; the map of every duty station; the first-load bundle size.
 * Uses Debian's chromium; bounded in time; always closes the browser.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIST = [path.resolve(here, '../web/dist'), path.resolve(here, '../../web/dist'), path.resolve('web/dist')]
  .find((d) => fs.existsSync(path.join(d, 'index.html')));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TOTAL_BUDGET_MS = 180_000;

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN; };
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** index.html and what it loads before the first paint (entry script, module preloads, styles), gzipped. */
export function firstLoadBytes(dist = WEB_DIST): { gzip: number; raw: number; files: number } {
  if (!dist) throw new Error('web/dist/index.html not found: run `npx vite build` first');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    if (tag.startsWith('<link') && !/rel="(?:modulepreload|stylesheet)"/.test(tag)) continue;
    if (/^(?:https?:|data:)/.test(m[1]!)) continue;
    refs.add(m[1]!.replace(/^\//, ''));
  }
  let gzip = zlib.gzipSync(html, { level: 9 }).length, raw = Buffer.byteLength(html);
  for (const ref of refs) {
    const body = fs.readFileSync(path.join(dist, ref));
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  return { gzip, raw, files: refs.size + 1 };
}

/** Waits (checking every frame) until the people table shows the data of the wanted page or search. */
async function waitForPeople(page: Page, want: { q?: string; page?: number }) {
  // A string expression: this file is compiled without the DOM library.
  await page.waitForFunction(`(() => {
    const w = ${JSON.stringify(want)};
    const el = document.querySelector('[data-testid=people-table]');
    return !!el && el.dataset.ready === 'true' && (w.q === undefined || el.dataset.q === w.q)
      && (w.page === undefined || el.dataset.page === String(w.page)) && !!el.querySelector('tbody tr.ant-table-row');
  })()`, undefined, { polling: 'raf' });
}

async function run(opts: { baseUrl: string; email: string; password: string }) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ baseURL: opts.baseUrl, viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    context.setDefaultTimeout(30_000);
    const login = await context.request.post('/api/v1/auth/login', { data: { email: opts.email, password: opts.password } });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
    const page = await context.newPage();

    // People: enter the page from the app (the page's code loads on first visit, as for a user).
    await page.goto('/org/countries');
    await page.getByRole('navigation').getByRole('link', { name: 'People' }).waitFor();
    await page.waitForLoadState('networkidle'); // the app has settled (page code fetched ahead at idle)
    await page.waitForTimeout(500);
    let t0 = performance.now();
    await page.getByRole('navigation').getByRole('link', { name: 'People' }).click();
    await waitForPeople(page, { page: 1 });
    const first = performance.now() - t0;
    const total = await page.locator('.ant-pagination-total-text').textContent();
    console.log(`web: people table first page  ${ms(first)} (target < 300 ms; ${total?.trim()})`);

    const turns: number[] = [];
    for (let p = 2; p <= 6; p++) {
      t0 = performance.now();
      await page.locator('.ant-pagination-next button, li.ant-pagination-next').first().click();
      await waitForPeople(page, { page: p });
      turns.push(performance.now() - t0);
    }
    console.log(`web: people table next page  median ${ms(median(turns))} over ${turns.length} (target < 300 ms)`);

    // Searches: parts of common names, as a user would type them.
    const names = ['chen', 'garc', 'okafor', 'ana', 'smith', 'ivan', 'mwangi'];
    const box = page.getByTestId('people-search').getByRole('searchbox');
    const searches: number[] = [];
    for (const q of names) {
      await box.fill(q);
      t0 = performance.now();
      await box.press('Enter');
      await waitForPeople(page, { q });
      searches.push(performance.now() - t0);
    }
    console.log(`web: people search  median ${ms(median(searches))}, max ${ms(Math.max(...searches))} over ${searches.length} searches (target < 300 ms)`);

    // The map, cold: a fresh tab with an empty cache, from the locations table to the rendered map.
    const mapPage = await context.newPage();
    await mapPage.goto('/org/locations');
    await mapPage.getByRole('tab', { name: 'Map of duty stations' }).waitFor();
    await mapPage.getByTestId('locations-table').locator('tbody tr.ant-table-row').first().waitFor();
    await mapPage.waitForLoadState('networkidle');
    await mapPage.waitForTimeout(500);
    t0 = performance.now();
    await mapPage.getByRole('tab', { name: 'Map of duty stations' }).click();
    const map = mapPage.getByTestId('duty-station-map');
    await mapPage.waitForFunction(`!!document.querySelector('[data-testid=duty-station-map]')?.getAttribute('data-rendered')`, undefined, { polling: 'raf' });
    const mapMs = performance.now() - t0;
    console.log(`web: map of ${await map.getAttribute('data-rendered')} duty stations rendered  ${ms(mapMs)} (target < 1000 ms; includes loading the stations and the map code)`);
  } finally {
    await browser.close();
  }
}

export async function webBench(opts: { baseUrl: string; email: string; password: string }): Promise<void> {
  try {
    const size = firstLoadBytes();
    console.log(`web: first-load bundle  ${(size.gzip / 1024).toFixed(0)} KB gzipped (${(size.raw / 1024).toFixed(0)} KB raw, ${size.files} files; target < 1536 KB)`);
  } catch (e) {
    console.log(`web: first-load bundle  not measured: ${(e as Error).message}`);
  }
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`web benchmark exceeded ${TOTAL_BUDGET_MS / 1000} s`)), TOTAL_BUDGET_MS); });
  try {
    await Promise.race([run(opts), budget]);
  } catch (e) {
    console.log(`web: browser benchmark failed: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    clearTimeout(timer);
  }
}
