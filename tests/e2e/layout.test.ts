/**
 * The app's frame in Chromium at 800×700, the smallest window it promises to be usable in: the
 * top bar and the places stay on one line each and nothing scrolls sideways, the top bar stays
 * while the page scrolls, pages open at their top, the focus ring is the j/k selection's mark, and
 * a read-only view offers nothing it cannot do. Then a tab from before a restart is told so.
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli';
import { firstJsonLine, startSteward, type Started } from '../helpers/steward-process';
import { openBrowser, screenshot, type Participant } from './browser';

type App = { url: string; process: Started };

const homes: string[] = [];
const apps: App[] = [];
const browsers: Participant[] = [];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** `steward app --json` in `home`; resolves with the URL it prints on its first line. */
const startApp = async (home: string, port = 0): Promise<App> => {
  const process = startSteward(['app', '--json', '--port', String(port)], { STEWARD_HOME: home });
  const app: App = { url: '', process };
  apps.push(app);
  app.url = (await firstJsonLine<{ url: string }>(process, 'steward app')).url;
  return app;
};

const stopApp = async (app: App): Promise<void> => {
  app.process.child.kill('SIGTERM');
  await app.process.done.catch(() => undefined);
};

afterEach(async () => {
  for (const b of browsers.splice(0)) await b.close();
  for (const app of apps.splice(0)) await stopApp(app);
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

const demo = async (options: Parameters<typeof openBrowser>[1] = {}) => {
  const home = tempDir('steward-layout-');
  homes.push(home);
  const app = await startApp(home);
  const browser = await openBrowser(app.url, options);
  browsers.push(browser);
  const { page } = browser;
  await page.getByTestId('setup-readonly').click();
  await page.getByTestId('group-demo').click();
  await page.getByTestId('demo-banner').waitFor();
  return { app, page, home };
};

type Box = { top: number; height: number; width: number };

describe('the layout at 800×700', () => {
  for (const colorScheme of ['light', 'dark'] as const)
    it(`keeps the top bar and the places on one line each, in ${colorScheme}`, async () => {
      const { page } = await demo({ width: 800, height: 700, colorScheme });
      const nav = page.getByRole('navigation', { name: 'Main' });
      // Narrow: the places are a rail of icons, each still a link by its name.
      await nav.getByRole('link', { name: 'Proposals' }).waitFor();
      expect(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe(
        'false',
      );
      // Read-only: nothing offered that it cannot do.
      expect(await page.getByRole('button', { name: 'Lock' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'New proposal' }).count()).toBe(0);

      for (const name of ['Home', 'Proposals', 'Members', 'Models', 'Ownership', 'Sync']) {
        await nav.getByRole('link', { name }).click();
        await page.waitForTimeout(300);
        const frame = await page.evaluate<{
          bar: Box;
          links: Box[];
          nav: { scroll: number; client: number; bottom: number };
          scrollWidth: number;
          clientWidth: number;
          barChildren: Box[];
        }>(`(() => {
          const box = (e) => { const r = e.getBoundingClientRect(); return { top: r.top, height: r.height, width: r.width }; };
          const nav = document.querySelector('nav.side');
          const bar = document.querySelector('header.top');
          return {
            bar: box(bar),
            barChildren: [...bar.querySelectorAll('.group-name, .session > *')].map(box),
            links: [...nav.querySelectorAll('a')].map(box),
            nav: { scroll: nav.scrollHeight, client: nav.clientHeight, bottom: nav.querySelector('a:last-child').getBoundingClientRect().bottom },
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          };
        })()`);
        expect(frame.scrollWidth, `${name} scrolls sideways`).toBeLessThanOrEqual(
          frame.clientWidth,
        );
        expect(frame.bar.height).toBeLessThanOrEqual(56);
        for (const child of frame.barChildren) expect(child.height).toBeLessThanOrEqual(40);
        // One line per link: none taller than a line and its padding, all in one column.
        for (const link of frame.links) expect(link.height).toBeLessThanOrEqual(40);
        expect(new Set(frame.links.map((l) => l.width)).size).toBe(1);
        expect(frame.nav.scroll).toBeLessThanOrEqual(frame.nav.client);
        // Every place in sight without scrolling.
        expect(frame.nav.bottom).toBeLessThanOrEqual(700);
      }
      await screenshot(page, `layout-800-${colorScheme}-sync`);

      // The menu button gives the places their words, still on one line each.
      await page.getByRole('button', { name: 'Menu' }).click();
      const wide = await page.evaluate<number[]>(
        `[...document.querySelectorAll('nav.side a')].map((a) => a.getBoundingClientRect().height)`,
      );
      for (const height of wide) expect(height).toBeLessThanOrEqual(40);
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(800);
      await screenshot(page, `layout-800-${colorScheme}-menu`);
    });

  it('keeps the top bar while the page scrolls, and opens the next page at its top', async () => {
    const { page } = await demo({ width: 800, height: 700 });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Models' }).click();
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await page.evaluate('window.scrollTo(0, 400)');
    await expect.poll(() => page.evaluate<number>('scrollY')).toBeGreaterThan(100);
    expect(
      await page.evaluate<number>(
        `document.querySelector('header.top').getBoundingClientRect().top`,
      ),
    ).toBe(0);
    await nav.getByRole('link', { name: 'Members' }).click();
    await expect.poll(() => page.evaluate<number>('scrollY')).toBe(0);
  });

  it('draws the focus ring with the same mark as the j/k selection', async () => {
    const { page } = await demo({ width: 800, height: 700 });
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Proposals' })
      .click();
    await page.getByTestId('proposal-row').first().waitFor();
    await page.keyboard.press('j');
    const ring = (selector: string) =>
      page.evaluate<string>(
        `(() => { const s = getComputedStyle(document.querySelector(${JSON.stringify(selector)})); return [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '); })()`,
      );
    const selected = await ring('.proposal-row.selected');
    expect(selected).toMatch(/^solid 2px /);
    // Keyboard focus on a link and on a button.
    await page.getByRole('link', { name: 'Riverside Community AI Lab' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await ring(':focus-visible')).toBe(selected);
  });
});

describe('a tab from before a restart', () => {
  it('says the app was restarted and how to reopen it', async () => {
    const home = tempDir('steward-restart-');
    homes.push(home);
    const port = await freePort();
    const app = await startApp(home, port);
    const browser = await openBrowser(app.url);
    browsers.push(browser);
    const { page } = browser;
    await page.getByTestId('setup-readonly').click();
    await page.getByTestId('group-demo').click();
    await page.getByTestId('demo-banner').waitFor();

    await stopApp(app);
    await page.getByTestId('connection-notice').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('connection-notice').textContent()).toMatch(
      /Steward is not answering\..*run npm start again/,
    );
    await startApp(home, port);
    await page
      .getByRole('heading', { level: 1, name: 'Steward was restarted' })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restarted').textContent()).toMatch(
      /Open the new link it printed, or run npm start again\./,
    );
    expect(await page.getByTestId('connection-notice').count()).toBe(0);
  });
});
