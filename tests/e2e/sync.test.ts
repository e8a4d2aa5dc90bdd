/**
 * Sync by bundle in Chromium against the real `steward serve`: Bob clones Alice's served repo
 * with the CLI, proposes offline in his clone and writes a bundle; Alice imports it on the Sync
 * screen and sees his proposal arrive. Then she exports a bundle from the browser, and git itself
 * verifies it. Each step leaves a screenshot in tests/e2e/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Person, steward } from '../helpers/cli';
import { UiGroup } from '../helpers/ui-group';
import { openBrowser, screenshot, type Participant } from './browser';

const TITLE = 'Buy a second GPU for the lab';

describe('sync in the browser', () => {
  const g = new UiGroup();
  let alice: Participant;
  let bob: Person;
  let proposal = '';

  beforeAll(async () => {
    await g.start();
    alice = await openBrowser(g.host());
    await alice.page.getByTestId('signin-passphrase').fill(g.people.alice.passphrase);
    await alice.page.getByTestId('signin-unlock').click();
    await alice.page.getByTestId('session-name').waitFor();
  }, 90_000);

  afterAll(async () => {
    await alice?.close();
    await g.close();
  });

  it('imports a bundle made by a member offline, and shows what came in', async () => {
    // Bob copies the group from Alice's machine, then works without a network.
    const clone = join(g.root, 'bob-clone');
    const env = g.people.bob.env(new Date().toISOString());
    const cloned = steward(['clone', `${g.url}/`, clone, '--json'], env);
    expect(cloned.status, cloned.stderr).toBe(0);
    bob = new Person(g.people.bob.home, clone);
    proposal = bob.json<{ id: string }>(
      new Date().toISOString(),
      'propose',
      'resolution',
      '--title',
      TITLE,
    ).id;
    const bundle = join(g.root, 'bob.bundle');
    const made = steward(['bundle', 'create', bundle, '--repo', clone, '--json'], env);
    expect(made.status, made.stderr).toBe(0);

    const { page } = alice;
    await page.getByRole('link', { name: 'Sync', exact: true }).click();
    await page.getByTestId('bundle-import').waitFor();
    await screenshot(page, 'sync-1-screen');
    await page.getByTestId('bundle-import').setInputFiles(bundle);
    const result = page.getByTestId('sync-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/New: 1 proposal/);
    await screenshot(page, 'sync-2-bundle-imported');

    await page.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/proposals/${proposal}$`));
    await page.getByTestId('proposal-status').waitFor();
    await page.getByRole('link', { name: 'Proposals', exact: true }).click();
    await page.locator(`[data-testid="proposal-row"][data-id="${proposal}"]`).waitFor();
    await screenshot(page, 'sync-3-proposal-listed');
  });

  it('exports a bundle that git verifies', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'Sync', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('bundle-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Guild-[0-9a-f]{8}\.bundle$/);
    expect(await page.getByTestId('bundle-exported').textContent()).toMatch(
      new RegExp(
        `^Saved ${download.suggestedFilename().replace('.', '\\.')} \\(\\d+(\\.\\d)? K?B\\)`,
      ),
    );
    const file = join(g.root, download.suggestedFilename());
    await download.saveAs(file);
    const verified = execFileSync('git', ['bundle', 'verify', file], {
      cwd: g.repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(verified).toMatch(/refs\/heads\/main/);
    // It holds Bob's proposal too: a clone of it lists it.
    const copy = join(g.root, 'from-browser');
    const listed = steward(
      ['clone', file, copy, '--json'],
      g.people.carol.env(new Date().toISOString()),
    );
    expect(listed.status, listed.stderr).toBe(0);
    expect(
      steward(['list', '--repo', copy, '--json'], g.people.carol.env(new Date().toISOString()))
        .stdout,
    ).toContain(proposal);
  });

  it('names a folder copy of the group as a remote, syncs it from its row, then removes it', async () => {
    const { page } = alice;
    const stick = join(g.root, 'usb', 'guild.git');
    execFileSync('git', ['clone', '--quiet', '--bare', g.repo, stick]);
    await page.getByRole('link', { name: 'Sync', exact: true }).click();
    await page.getByTestId('remote-name').fill('usb');
    await page.getByTestId('remote-url').fill(stick);
    await page.getByTestId('remote-add').click();
    const row = page.getByTestId('remote-row').filter({ hasText: 'usb' });
    await expect.poll(() => row.getByTestId('remote-status').textContent()).toMatch(/never synced/);
    await row.getByRole('button', { name: 'Sync' }).click();
    await page.getByTestId('sync-result').filter({ hasText: 'Synced with usb' }).waitFor();
    await expect
      .poll(() => row.getByTestId('remote-status').textContent())
      .toBe('synced just now · nothing new here');
    expect(execFileSync('git', ['rev-parse', 'main'], { cwd: stick, encoding: 'utf8' })).toBe(
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd: g.repo, encoding: 'utf8' }),
    );
    await screenshot(page, 'sync-4-folder-remote');
    // At 800×700 the row keeps its actions on one line.
    await page.setViewportSize({ width: 800, height: 700 });
    const sync = row.getByRole('button', { name: 'Sync' });
    const remove = row.getByRole('button', { name: 'Remove' });
    const [a, b] = [(await sync.boundingBox())!, (await remove.boundingBox())!];
    expect(Math.abs(a.y - b.y)).toBeLessThan(2);
    expect(a.height).toBeLessThan(40);
    await screenshot(page, 'sync-5-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Yes, remove usb' }).click();
    await expect.poll(() => page.getByTestId('remote-row').count()).toBe(0);
    expect(execFileSync('git', ['remote'], { cwd: g.repo, encoding: 'utf8' })).toBe('');
  });
});
