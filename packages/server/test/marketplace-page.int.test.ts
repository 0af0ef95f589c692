import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, parseRdf } from '@mpli/core';
import { serviceAvailable } from '@mpli/delivery-adapters/testing';
import { createMpliServer } from '@mpli/server';

// The marketplace page in Debian's Chromium (headless, driven by playwright-core): a person
// pastes requirements, sees ranked and explained matches, filters them, and follows an offering
// to its provider's manifest and credentials. A screenshot is kept in test-results/.
const CHROMIUM = '/usr/bin/chromium';
const available = await serviceAvailable('Chromium (apt-get install chromium)', async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM}`);
});
const examples = new URL('../../../examples/manifests/', import.meta.url);
const results = new URL('../../../test-results/', import.meta.url).pathname;
// Chromium's own background connections are refused on a closed network; these flags keep it quiet.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server: Server;
let origin = '';
let browser: Browser;
beforeAll(async () => {
  if (!available) return;
  const catalog = new Catalog();
  for (const file of ['scaldis-cloud.ttl', 'rheinwerk-cloud.jsonld', 'nuage-souverain.ttl']) catalog.addDataset((await parseRdf(readFileSync(new URL(file, examples), 'utf8'), { source: file })).store, { source: file });
  server = createServer(createMpliServer({ catalog, page: true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe.runIf(available)('the marketplace page', () => {
  it('matches pasted requirements, explains, filters, and links each offering to its provider', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/`);
    await page.fill('#requirements', readFileSync(new URL('requirements-hospital.ttl', examples), 'utf8'));
    await page.fill('#as-of', '2026-12-01');
    await page.click('#match');
    await page.waitForSelector('#results li.match');

    const first = page.locator('#results section.need').first().locator('li.match').first();
    expect(await first.locator('.name').textContent()).toBe('Medium VM, 4 vCPU / 16 GiB');
    expect(await first.locator('.provider').textContent()).toBe('Scaldis Cloud SRL');
    expect(await first.locator('a.manifest').getAttribute('href')).toBe('https://scaldis.example/.well-known/mpli');
    expect(await first.locator('a.credentials').getAttribute('href')).toBe('https://scaldis.example/.well-known/mpli/credentials');
    await first.locator('summary').click();
    expect(await first.locator('li.constraint.met').count()).toBeGreaterThan(0);
    expect(await page.locator('section.need h2').allTextContents()).toEqual(['Application servers', 'Block storage for databases']);
    expect(await page.locator('li.miss').count()).toBeGreaterThan(0);

    // Filters: by text, and ready-to-order only (near misses hidden).
    await page.fill('#filter', 'rheinwerk');
    // Runs in the page: `hidden` and `querySelector` are the DOM's (this project's types have no DOM lib).
    const shown = async (selector: string) => (await page.locator(selector).evaluateAll((items) => items.filter((i) => !(i as unknown as { hidden: boolean }).hidden).map((i) => i.querySelector('.provider')?.textContent)));
    expect(new Set(await shown('li.match, li.miss'))).toEqual(new Set(['Rheinwerk Cloud GmbH']));
    await page.fill('#filter', '');
    await page.check('#ready-only');
    expect(await shown('li.miss')).toEqual([]);
    expect((await shown('li.match')).length).toBeGreaterThan(0);
    mkdirSync(results, { recursive: true });
    await page.screenshot({ path: `${results}marketplace-page.png`, fullPage: true });

    // Bad requirements: the problem, with its place, and no results.
    await page.fill('#requirements', '@prefix mpli: <https://w3id.org/mpli#> .\n:hospital a mpli:Consumer ;;');
    await page.click('#match');
    await page.locator('#error').filter({ hasText: /\S/ }).waitFor();
    expect(await page.textContent('#error')).toMatch(/line 2/);
    expect(await page.locator('#results li').count()).toBe(0);
    // The browser reports the refused request itself; nothing else went wrong (no script error, no CSP violation).
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await page.close();
  }, 60_000);
});
