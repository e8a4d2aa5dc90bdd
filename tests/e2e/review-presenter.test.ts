/**
 * The review session's presenter view in Chromium against the real `steward serve` on every
 * network address: the host puts an open proposal on the wall, with the address, QR code and
 * session code to join, and the tally moves as Alice's and Bob's votes land from the command line,
 * without a reload. ← and → move along the open proposals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UiGroup } from '../helpers/ui-group';
import { openBrowser, screenshot, type Participant } from './browser';

describe('the presenter view of a review session', () => {
  const g = new UiGroup();
  let wall: Participant;
  const ids = { first: '', second: '' };

  beforeAll(async () => {
    await g.start('--host', '0.0.0.0');
    const propose = (title: string) =>
      g.people.alice.json<{ id: string }>(g.next(), 'propose', 'resolution', '--title', title).id;
    ids.first = propose('Adopt the lab’s code of conduct');
    ids.second = propose('Buy a second GPU');
    // The wall is the host's own screen, opened through the host's link.
    wall = await openBrowser(g.host('#/review'), { width: 1600, height: 900 });
    await wall.page.getByTestId('signin-passphrase').fill(g.people.alice.passphrase);
    await wall.page.getByTestId('signin-unlock').click();
    await wall.page.getByTestId('session-name').filter({ hasText: 'Alice' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await wall?.close();
    await g.close();
  });

  it('lists the open proposals and presents the one picked, with how to join', async () => {
    const { page } = wall;
    const picks = page.getByTestId('review-pick');
    await expect.poll(() => picks.count()).toBe(2);
    await expect.poll(() => page.getByTestId('presenter-code').textContent()).toBe('K7Q2MX');
    await screenshot(page, 'review-presenter-1-agenda');
    await picks.first().click();
    await expect
      .poll(() => page.getByTestId('presenter-title').textContent())
      .toBe('Adopt the lab’s code of conduct');
    expect(page.url()).toMatch(new RegExp(`#/review/${ids.first}$`));
    const url = await page.getByTestId('presenter-url').first().textContent();
    expect(url).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:\d+/);
    expect(await page.getByTestId('presenter-qr').locator('rect').count()).toBeGreaterThan(100);
    expect(await page.getByTestId('presenter-yes').textContent()).toBe('0');
  });

  it('moves the tally live as votes land', async () => {
    const { page } = wall;
    g.people.alice.json(g.next(), 'vote', ids.first, 'yes');
    await expect.poll(() => page.getByTestId('presenter-yes').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('presenter-quorum').textContent()).toBe('Quorum met');
    g.people.bob.json(g.next(), 'vote', ids.first, 'no', '--reason', 'Not yet');
    await expect.poll(() => page.getByTestId('presenter-no').textContent()).toBe('1');
    expect(await page.getByTestId('presenter-voter').allTextContents()).toEqual([
      'Alice: yes',
      'Bob: no',
    ]);
    expect(await page.getByTestId('presenter-outcome').textContent()).toBe('Would not pass now');
    // The bars ease to their new width (0.4 s) before the picture is taken.
    await page.waitForTimeout(600);
    await screenshot(page, 'review-presenter-2-live-tally');
  });

  it('goes to the next open proposal with → and back with ←', async () => {
    const { page } = wall;
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByTestId('presenter-title').textContent())
      .toBe('Buy a second GPU');
    expect(await page.getByTestId('presenter-waiting').textContent()).toBe(
      'Waiting for Alice, Bob',
    );
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.getByTestId('presenter-title').textContent())
      .toBe('Adopt the lab’s code of conduct');
  });

  it('shows the presenter in dark mode as well', async () => {
    const dark = await openBrowser(g.host(`#/review/${ids.first}`), {
      colorScheme: 'dark',
      width: 1600,
      height: 900,
    });
    try {
      await dark.page.getByTestId('signin-readonly').click();
      await expect.poll(() => dark.page.getByTestId('presenter-no').textContent()).toBe('1');
      await screenshot(dark.page, 'review-presenter-3-dark');
    } finally {
      await dark.close();
    }
  });
});
