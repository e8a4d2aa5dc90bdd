/**
 * Ownership in Chromium against the real `steward serve`: a model registered 60/40 for Alice and
 * Bob by the command line, then 10 of Bob's shares passed to Alice. The page shows 70/30 in its
 * chart and table, and a timeline of both changes, each linked to its proposal and close.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UiGroup } from '../helpers/ui-group';
import { openBrowser, screenshot, type Participant } from './browser';

type Out = { id: string; status?: string; winningClose?: string };

const attributes = async (found: Locator, name: string): Promise<(string | null)[]> =>
  Promise.all((await found.all()).map((l) => l.getAttribute(name)));

describe('ownership in the browser', () => {
  const g = new UiGroup();
  let alice: Participant;
  const ids = { register: '', transfer: '' };

  /** Proposes as `by`, everyone in `voters` votes yes, Alice closes: all have voted, so it may. */
  const decide = (by: 'alice' | 'bob', voters: ('alice' | 'bob')[], args: string[]): string => {
    const p = g.people[by].json<Out>(g.next(), 'propose', ...args);
    for (const v of voters) g.people[v].json(g.next(), 'vote', p.id, 'yes');
    const closed = g.people.alice.json<Out>(g.next(), 'close', p.id);
    expect(closed.status).toBe('passed');
    return p.id;
  };

  beforeAll(async () => {
    await g.start();
    ids.register = decide(
      'alice',
      ['alice', 'bob'],
      [
        'register-model',
        '--title',
        'Register Tiny',
        '--model',
        'tiny',
        '--name',
        'Tiny GPT',
        '--license',
        'MIT',
        '--owner',
        'Alice=60',
        '--owner',
        'Bob=40',
      ],
    );
    ids.transfer = decide(
      'bob',
      ['alice', 'bob'],
      [
        'transfer-shares',
        '--title',
        'Ten shares for Alice',
        '--model',
        'tiny',
        '--from',
        'Bob',
        '--to',
        'Alice',
        '--shares',
        '10',
      ],
    );
    alice = await openBrowser(g.host('#/ownership'));
    await alice.page.getByTestId('signin-passphrase').fill(g.people.alice.passphrase);
    await alice.page.getByTestId('signin-unlock').click();
    await alice.page.getByTestId('session-name').filter({ hasText: 'Alice' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await alice?.close();
    await g.close();
  });

  it('shows the current shares after the transfer, as a chart and as a table', async () => {
    const { page } = alice;
    const rows = page.getByTestId('ownership-owner');
    await expect.poll(() => rows.allTextContents()).toEqual(['Alice7070%', 'Bob3030%']);
    expect(await page.locator('.shares-chart .share-slice').count()).toBe(2);
    expect(await page.locator('.shares-chart').textContent()).toMatch(
      /Alice 70%.*Bob 30%|Bob 30%.*Alice 70%/,
    );
    await screenshot(page, 'ownership-1-after-transfer');
  });

  it('lists both changes, newest first, linked to their proposals and closes', async () => {
    const { page } = alice;
    const changes = page.getByTestId('ownership-change');
    expect(await changes.count()).toBe(2);
    expect(await changes.nth(0).textContent()).toMatch(/10 shares from Bob to Alice/);
    expect(await changes.nth(1).textContent()).toMatch(/Registered.*Alice 60 \(60%\), Bob 40/);
    const links = await attributes(page.getByTestId('ownership-proposal'), 'href');
    expect(links).toEqual([`#/proposals/${ids.transfer}`, `#/proposals/${ids.register}`]);
    const closes = await attributes(page.getByTestId('ownership-close'), 'title');
    const shown = g.people.alice.json<Out>(g.next(), 'show', ids.transfer);
    expect(closes[0]).toBe(shown.winningClose);

    await page.getByTestId('ownership-proposal').first().click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/proposals/${ids.transfer}$`));
    await expect.poll(() => page.getByTestId('proposal-status').textContent()).toBe('passed');
  });

  it('shows founders and holdings on the members page', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'Members' }).click();
    const rows = page.getByTestId('member-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/Alice.*Founder.*Owns Tiny GPT \(70 of 100/);
    expect(await rows.nth(1).textContent()).toMatch(/Bob.*Founder.*Owns Tiny GPT \(30 of 100/);
    await screenshot(page, 'ownership-2-members');
  });
});
