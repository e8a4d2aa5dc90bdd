/**
 * Weights travel to a second member in Chromium against the real `steward serve`: Bob imports a
 * tiny real model on his machine and the group registers and approves it; Bob serves the group
 * from his machine. Alice, the host of the app, sees it approved but its files missing (on Home
 * and on Models), presses Fetch, watches the progress midway (a proxy holds the weights' second
 * half until the test has looked), sees every file here, and runs the model.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyDecoder } from '../../scripts/tiny-models';
import { steward } from '../helpers/cli';
import { startHoldingProxy, type HoldingProxy } from '../helpers/holding-proxy';
import { firstJsonLine, startSteward, type Started } from '../helpers/steward-process';
import { UiGroup } from '../helpers/ui-group';
import { until } from '../helpers/until';
import { openBrowser, screenshot, type Participant } from './browser';

const filesLine = (page: Page) =>
  page
    .locator('[data-testid="model-row"][data-slug="tiny-gpt"]')
    .locator('[data-testid="files-here"][data-version="1.0"]');

describe('fetching an approved model from a peer in the browser', () => {
  const g = new UiGroup();
  const gptDir = join(g.root, 'tiny-gpt2');
  let alice: Participant;
  let bobServe: Started | undefined;
  let proxy: HoldingProxy | undefined;
  let files = 0;
  let bobUrl = '';

  beforeAll(async () => {
    await g.start();
    await writeTinyDecoder(gptDir);
    const { alice: a, bob: b } = g.people;
    // Bob imports it: the files are on his machine only.
    const imported = b.json<{ files: unknown[]; proposal: { id: string } }>(
      g.next(),
      'model',
      'import',
      gptDir,
      '--model',
      'tiny-gpt',
      '--version',
      '1.0',
      '--propose',
      '--name',
      'Tiny GPT',
      '--license',
      'MIT',
      '--owner',
      'Bob=100',
    );
    files = imported.files.length;
    const registered = imported.proposal.id;
    a.json(g.next(), 'vote', registered, 'yes');
    b.json(g.next(), 'vote', registered, 'yes');
    a.json(g.next(), 'close', registered);
    const use = b.json<{ id: string }>(
      g.next(),
      'propose',
      'approve-use',
      '--title',
      'Use Tiny GPT for drafts',
      '--model',
      'tiny-gpt',
      '--version',
      '1.0',
      '--purpose',
      'drafts',
    ).id;
    b.json(g.next(), 'vote', use, 'yes');
    b.json(g.next(), 'close', use);

    // Bob's machine serves the group, his model store behind it; Alice reaches it through a
    // proxy that holds the weights' second half until the test has seen the progress.
    bobServe = startSteward(['serve', '--repo', g.repo, '--json'], {
      STEWARD_HOME: b.home,
    });
    const { url } = await firstJsonLine<{ url: string }>(bobServe, "Bob's serve");
    bobUrl = url;
    const weights = createHash('sha256')
      .update(readFileSync(join(gptDir, 'onnx', 'model.onnx')))
      .digest('hex');
    proxy = await startHoldingProxy(
      url,
      (req) => req.method === 'GET' && req.path.endsWith(`/objects/${weights}`),
    );
    const added = steward(
      ['remote', 'add', 'bob', proxy.url, '--repo', g.repo, '--json'],
      a.env(g.next()),
    );
    expect(added.status, added.stderr).toBe(0);

    alice = await openBrowser(g.host());
    const { page } = alice;
    await page.getByTestId('signin-passphrase').fill(a.passphrase);
    await page.getByTestId('signin-unlock').click();
    await page.getByTestId('session-name').filter({ hasText: 'Alice' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await alice?.close();
    await proxy?.close();
    bobServe?.child.kill('SIGTERM');
    await bobServe?.done.catch(() => undefined);
    await g.close();
  });

  it('lists the approved version on Home as not on this computer yet', async () => {
    const { page } = alice;
    const item = page
      .getByTestId('home-missing-models')
      .locator('li[data-model="tiny-gpt"][data-version="1.0"]');
    await item.waitFor();
    expect(await item.getByTestId('files-here').textContent()).toMatch(
      new RegExp(`^${files} of ${files} files missing, [\\d.]+ kB$`),
    );
    await screenshot(page, 'model-fetch-1-home');
  });

  it('says on Models which files are missing, fetches them with progress, and runs the model', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'Models' }).click();
    await expect
      .poll(() => filesLine(page).textContent())
      .toMatch(new RegExp(`^${files} of ${files} files missing, [\\d.]+ kB$`));
    await screenshot(page, 'model-fetch-2-missing');

    const row = page.locator('[data-testid="model-row"][data-slug="tiny-gpt"]');
    await row.getByTestId('fetch-1.0').click();
    // Midway: the weights' first half is in, the rest waits at the proxy.
    await until(() => proxy!.held() > 0, 30_000);
    const bar = row.getByTestId('transfer-progress');
    await expect
      .poll(() => bar.textContent())
      .toMatch(/^Stop[\d.]+ (B|kB) of [\d.]+ kB( · .*)? · \S+ from bob$/);
    const [value, max] = await bar.locator('progress').evaluate((el) => {
      const p = el as unknown as { value: number; max: number };
      return [p.value, p.max];
    });
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(max);
    // A full-page shot of a scrolled page draws the sticky top bar midway: shoot from the top.
    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'model-fetch-3-progress');
    await page.setViewportSize({ width: 800, height: 700 });
    await screenshot(page, 'model-fetch-3-progress-800');
    await page.setViewportSize({ width: 1280, height: 800 });
    proxy!.release();

    await expect.poll(() => filesLine(page).textContent()).toBe(`All ${files} files here`);
    expect(await row.getByTestId('transfer-outcome').textContent()).toMatch(
      new RegExp(`^Fetched ${files} files \\([\\d.]+ kB\\) from bob\\.$`),
    );
    await expect
      .poll(() => row.locator('[data-testid="model-status"][data-version="1.0"]').textContent())
      .toBe('Ready to run');
    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'model-fetch-4-here');

    await page.getByTestId('use-model').selectOption('tiny-gpt@1.0');
    await page.getByTestId('run-task').selectOption('text-generation');
    await page.getByTestId('run-input').fill('hello');
    await page.getByTestId('run-submit').click();
    await expect.poll(() => page.getByTestId('run-stats').getAttribute('data-stopped')).toBe('eos');
    expect((await page.getByTestId('run-output').textContent())?.trim()).toBe('world !');
    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'model-fetch-5-ran');
  });

  it('keeps a version just fetched on Home, saying its files are here, at 800x700 too', async () => {
    const { page } = alice;
    await page.setViewportSize({ width: 800, height: 700 });
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByTestId('home-decisions').waitFor();
    // Fetched in this session: it stays, saying its files are here.
    const item = page
      .getByTestId('home-missing-models')
      .locator('li[data-model="tiny-gpt"][data-version="1.0"]');
    await expect
      .poll(() => item.getByTestId('files-here').textContent())
      .toBe(`All ${files} files here`);
    await screenshot(page, 'model-fetch-6-home-800');
    await page.getByRole('link', { name: 'Models' }).click();
    await filesLine(page).waitFor();
    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'model-fetch-7-models-800');
    await page.getByRole('link', { name: 'Settings' }).click();
    expect(await page.getByTestId('auto-fetch-mb').inputValue()).toBe('100');
    await screenshot(page, 'model-fetch-8-settings-800');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'model-fetch-8-settings');
  });

  it('pushes the version to a peer as a member: the peer already holds every file', async () => {
    const { page } = alice;
    // Straight to Bob's server: a member's proof names the server it is for, not a proxy.
    const added = steward(
      ['remote', 'add', 'bob-direct', bobUrl, '--repo', g.repo, '--json'],
      g.people.alice.env(g.next()),
    );
    expect(added.status, added.stderr).toBe(0);
    await page.getByRole('link', { name: 'Models' }).click();
    const row = page.locator('[data-testid="model-row"][data-slug="tiny-gpt"]');
    await row
      .getByTestId('push-remote-1.0')
      .locator('option[value="bob-direct"]')
      .waitFor({ state: 'attached' });
    await row.getByTestId('push-remote-1.0').selectOption('bob-direct');
    await row.getByTestId('push-1.0').click();
    await expect
      .poll(() => row.getByTestId('transfer-outcome').textContent())
      .toBe(`Nothing to upload to bob-direct; ${files} files were there already.`);
    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'model-fetch-9-pushed');
  });
});
