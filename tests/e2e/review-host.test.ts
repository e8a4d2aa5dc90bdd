/**
 * A review session hosted from the app (`steward app`) in Chromium: Alice hosts it from the Review
 * screen after confirming, the room's address is this machine's LAN address, Bob's browser there
 * gives the session code (a wrong one first), lands on the proposal on the wall and follows Alice
 * to the next one; then she stops hosting and the address answers no more. Needs a network
 * address besides loopback (the room is opened on it): skipped where there is none.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanAddresses } from '../../electron/core/server/lan-address';
import { Person, steward, tempDir } from '../helpers/cli';
import { firstJsonLine, startSteward, type Started } from '../helpers/steward-process';
import { openBrowser, screenshot, type Participant } from './browser';

const reachable = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const req = request(`${url}/api/invoke/app:version`, { method: 'POST', agent: false });
    req.on('response', (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end('{}');
  });

describe.skipIf(lanAddresses().length === 0)('a review session hosted from the app', () => {
  const root = tempDir('steward-host-');
  const repo = join(root, 'group');
  const alice = new Person(join(root, 'alice'), repo);
  const t0 = Date.now() - 3600_000;
  let minutes = 0;
  const next = () => new Date(t0 + ++minutes * 1000).toISOString();
  const titles = ['Adopt the lab’s code of conduct', 'Buy a second GPU'];
  let app: Started;
  let wall: Participant;
  let guest: Participant | undefined;
  let roomUrl = '';

  beforeAll(async () => {
    alice.json(next(), 'identity', 'create', '--name', 'Alice');
    const founded = steward(
      ['init', repo, '--name', 'Guild', '--voting-period', '72h', '--json'],
      alice.env(next()),
    );
    if (founded.status !== 0) throw new Error(founded.stderr);
    for (const title of titles) alice.json(next(), 'propose', 'resolution', '--title', title);
    // The app opens the group it had open last time.
    mkdirSync(alice.home, { recursive: true });
    writeFileSync(join(alice.home, 'app.json'), JSON.stringify({ repo, known: [{ dir: repo }] }));
    app = startSteward(['app', '--json'], { STEWARD_HOME: alice.home });
    const { url } = await firstJsonLine<{ url: string }>(app, 'steward app');
    wall = await openBrowser(url, { width: 1600, height: 900 });
    await wall.page.getByTestId('signin-passphrase').fill(alice.passphrase);
    await wall.page.getByTestId('signin-unlock').click();
    await wall.page.getByTestId('session-name').filter({ hasText: 'Alice' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await guest?.close();
    await wall?.close();
    app?.child.kill('SIGTERM');
    await app?.done.catch(() => undefined);
  });

  it('opens the room to the network only after the host confirms', async () => {
    const { page } = wall;
    await page.getByRole('link', { name: 'Review session' }).click();
    await page.getByRole('button', { name: 'Host this session' }).click();
    await page.getByText(/Other devices on this network will be able to reach Steward/).waitFor();
    await screenshot(page, 'review-host-1-confirm');
    await page.getByRole('button', { name: 'Open to this network' }).click();
    roomUrl = (await page.getByTestId('presenter-url').textContent()) ?? '';
    expect(new URL(roomUrl).hostname).toBe(lanAddresses()[0]);
    expect(await page.getByTestId('presenter-code').textContent()).toMatch(/^[A-Z2-9]{8}$/);
    expect(await page.getByTestId('presenter-qr').locator('rect').count()).toBeGreaterThan(100);
    await page.getByTestId('review-pick').first().click();
    await expect.poll(() => page.getByTestId('presenter-title').textContent()).toBe(titles[0]);
    await screenshot(page, 'review-host-2-hosting');
  });

  it('lets a participant in with the code alone, and says a wrong one is wrong', async () => {
    const code = (await wall.page.getByTestId('presenter-code').textContent())!;
    guest = await openBrowser(`${roomUrl}/#/review`, { colorScheme: 'dark' });
    const { page } = guest;
    await page.getByTestId('join-code').fill('WRONG222');
    await page.getByTestId('join-submit').click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/not the session code/);
    await screenshot(page, 'review-host-3-wrong-code');
    await page.getByTestId('join-code').fill(code);
    await page.getByTestId('join-submit').click();
    await page.getByTestId('signin-readonly').click();
    // Lands on the proposal on the wall.
    await expect.poll(() => page.getByTestId('presenter-title').textContent()).toBe(titles[0]);
    await screenshot(page, 'review-host-4-participant');
  });

  it('moves the participant along when the presenter moves on', async () => {
    await wall.page.keyboard.press('ArrowRight');
    await expect.poll(() => wall.page.getByTestId('presenter-title').textContent()).toBe(titles[1]);
    await expect
      .poll(() => guest!.page.getByTestId('presenter-title').textContent())
      .toBe(titles[1]);
  });

  it('closes the room again', async () => {
    expect(await reachable(roomUrl)).toBe(true);
    await wall.page.getByRole('button', { name: 'Stop hosting' }).click();
    await wall.page.getByRole('button', { name: 'Host this session' }).waitFor();
    await expect.poll(() => reachable(roomUrl)).toBe(false);
  });
});
