/**
 * The first run of the app in this machine's browser (`steward app`), each time in a fresh
 * STEWARD_HOME: create an identity, found a group and land on its Home; or open the demo group
 * and look through its proposals. Each step leaves a screenshot in tests/e2e/screenshots/.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli';
import { firstJsonLine, startSteward, type Started } from '../helpers/steward-process';
import { openBrowser, screenshot, type Participant } from './browser';

type App = { url: string; home: string; process: Started; browser?: Participant };

const running: App[] = [];

/** `steward app --json` in a fresh home; resolves with the URL it prints on its first line. */
const startApp = async (): Promise<App> => {
  const home = tempDir('steward-first-run-');
  const process = startSteward(['app', '--json'], { STEWARD_HOME: home });
  const app: App = { url: '', home, process };
  running.push(app);
  app.url = (await firstJsonLine<{ url: string }>(process, 'steward app')).url;
  return app;
};

afterEach(async () => {
  for (const app of running.splice(0)) {
    await app.browser?.close();
    app.process.child.kill('SIGTERM');
    await app.process.done.catch(() => undefined);
    rmSync(app.home, { recursive: true, force: true });
  }
});

describe('the first run in the browser', () => {
  it('creates an identity, founds a group and lands on its Home', async () => {
    const app = await startApp();
    app.browser = await openBrowser(app.url);
    const { page } = app.browser;
    await page.getByTestId('setup-name').fill('Alice');
    await page.getByTestId('setup-passphrase').fill('correct horse battery');
    await page.getByTestId('setup-passphrase-again').fill('correct horse battery');
    await screenshot(page, 'first-run-1-identity');
    await page.getByTestId('setup-create').click();

    await page.getByTestId('group-name').fill('Riverside Tenants');
    await page.getByTestId('group-hours').fill('48');
    await screenshot(page, 'first-run-2-group');
    await page.getByTestId('group-found').click();

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).first().textContent())
      .toBe('Riverside Tenants');
    expect(await page.getByTestId('session-name').textContent()).toBe('Alice');
    expect(
      await page.getByText(/^1 member · 0 models · 0 open proposals$/).count(),
    ).toBeGreaterThan(0);
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    await screenshot(page, 'first-run-3-home');

    // Settings: who this is, a copy of the identity to keep, and the theme.
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('settings-identity-name').textContent()).toBe('Alice');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('identity-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('Alice.steward-identity.json');
    const saved = join(app.home, 'exported.json');
    await download.saveAs(saved);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ name: 'Alice' });
    expect(await page.getByTestId('settings-folder').textContent()).toContain(app.home);
    await page.getByTestId('theme-dark').check();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await screenshot(page, 'first-run-4-settings-dark');
    await page.reload();
    await page.getByTestId('theme-dark').waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByTestId('theme-system').check();

    // Groups: the demo opened and left again without quitting; each group shows its own state.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Groups' })
      .click();
    await expect.poll(() => page.getByTestId('known-group').count()).toBe(1);
    await page.getByTestId('group-demo').click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), {
        timeout: 30_000,
      })
      .toBe('Riverside Community AI Lab');
    expect(
      await page.getByText(/^4 members · 1 model · 2 open proposals$/).count(),
    ).toBeGreaterThan(0);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Groups' })
      .click();
    await expect.poll(() => page.getByTestId('known-group').count()).toBe(2);
    await screenshot(page, 'first-run-4-groups');
    await page.getByRole('button', { name: 'Open Riverside Tenants' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).first().textContent())
      .toBe('Riverside Tenants');
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    expect(
      await page.getByText(/^1 member · 0 models · 0 open proposals$/).count(),
    ).toBeGreaterThan(0);

    // Coming back in a new browser, the same machine asks for the passphrase only.
    const again = await openBrowser(app.url);
    try {
      await again.page.getByTestId('signin-passphrase').waitFor();
      expect(await again.page.getByTestId('setup-create').count()).toBe(0);
      await screenshot(again.page, 'first-run-5-returning');
      await again.page.getByTestId('signin-passphrase').fill('correct horse battery');
      await again.page.getByTestId('signin-unlock').click();
      await expect.poll(() => again.page.getByTestId('session-name').textContent()).toBe('Alice');
    } finally {
      await again.close();
    }
  });

  it('opens the demo group and shows its proposals', async () => {
    const app = await startApp();
    app.browser = await openBrowser(app.url, { colorScheme: 'dark' });
    const { page } = app.browser;
    await page.getByTestId('setup-readonly').click();
    await page.getByTestId('group-demo').click();
    // The demo is made as it is opened: a few seconds on a busy machine.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), {
        timeout: 30_000,
      })
      .toBe('Riverside Community AI Lab');
    expect(await page.getByTestId('demo-banner').textContent()).toMatch(/Demo group/);
    await screenshot(page, 'first-run-6-demo-home');
    await page.getByRole('link', { name: 'Proposals' }).click();
    await expect.poll(() => page.getByTestId('proposal-row').count()).toBe(7);
    // Made as it was opened: its two open proposals have days left, whatever today is.
    const open = page.getByTestId('proposal-row').filter({ hasText: /\d+d \d+h left/ });
    expect(await open.count()).toBe(2);
    expect(await page.getByText('deadline passed').count()).toBe(0);
    await screenshot(page, 'first-run-7-demo-proposals');

    // Its model was imported as the demo was made: it runs at once, offline.
    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByTestId('use-model').selectOption('tiny-sentiment@1.0');
    await page.getByTestId('run-task').selectOption('text-classification');
    await page.getByTestId('run-input').fill('a good day');
    await page.getByTestId('run-submit').click();
    await expect
      .poll(() => page.getByTestId('run-label').first().getAttribute('data-label'), {
        timeout: 20_000,
      })
      .toBe('POSITIVE');
    await screenshot(page, 'first-run-8-demo-run');
  }, 60_000);
});
