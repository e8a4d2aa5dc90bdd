/**
 * A review session in Chromium against the real `steward serve`: Alice hosts and unlocks her own
 * identity, Bob joins from his own browser with the identity file he brought, Alice proposes, both
 * vote, and Alice's open page shows the tally move as Bob's vote lands, without a reload. Then she
 * closes it. Each step leaves a screenshot in tests/e2e/screenshots/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steward } from '../helpers/cli';
import { UiGroup } from '../helpers/ui-group';
import { openBrowser, screenshot, type Participant } from './browser';

describe('a review session in the browser', () => {
  const g = new UiGroup();
  let alice: Participant;
  let bob: Participant;
  let proposal = '';

  beforeAll(async () => {
    await g.start();
    alice = await openBrowser(g.host());
    bob = await openBrowser(`${g.url}/`, { colorScheme: 'dark' });
  }, 90_000);

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await g.close();
  });

  it('lets the host unlock the identity on her machine', async () => {
    const { page } = alice;
    await page.getByTestId('signin-passphrase').fill(g.people.alice.passphrase);
    await screenshot(page, 'review-1-host-unlock');
    await page.getByTestId('signin-unlock').click();
    await expect.poll(() => page.getByTestId('session-name').textContent()).toBe('Alice');
    await page.getByRole('link', { name: 'Home' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).first().textContent())
      .toMatch(/Guild/);
  });

  it('lets a participant sign in with the identity file they bring, and refuses a wrong passphrase', async () => {
    const { page } = bob;
    const file = join(g.root, 'bob-identity.json');
    writeFileSync(file, g.identityFile('bob'));
    await page.getByTestId('signin-file').setInputFiles(file);
    await page.getByTestId('signin-file-passphrase').fill('not my passphrase');
    await page.getByTestId('signin-file-unlock').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/passphrase/i);
    await page.getByTestId('signin-file-passphrase').fill(g.people.bob.passphrase);
    await page.getByTestId('signin-file-unlock').click();
    await expect.poll(() => page.getByTestId('session-name').textContent()).toBe('Bob');
  });

  it('lets a member propose from the form', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'New proposal' }).click();
    await page.getByTestId('new-kind').selectOption('resolution');
    await page.getByTestId('new-title').fill('Adopt the lab’s code of conduct');
    await page.getByTestId('new-body').fill('We adopt it as written.\nReview in a year.');
    await screenshot(page, 'review-2-new-proposal');
    // What will be signed is shown first; then it is signed.
    await page.getByTestId('new-preview').click();
    await page.getByTestId('new-submit').click();
    await expect.poll(() => page.url()).toMatch(/#\/proposals\/[0-9a-f]{64}$/);
    proposal = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('proposal-status').textContent()).toBe('open');
    expect(await page.getByTestId('proposal-body').textContent()).toMatch(/Review in a year/);
  });

  it('updates the tally on an open page as soon as another member’s vote lands', async () => {
    await alice.page.getByTestId('vote-yes').click();
    await expect.poll(() => alice.page.getByTestId('tally-yes').textContent()).toBe('1');

    // Bob's browser learns of the proposal through the event stream, without a reload.
    await bob.page.getByRole('link', { name: 'Proposals' }).click();
    const row = bob.page.locator(`[data-testid="proposal-row"][data-id="${proposal}"]`);
    await row.waitFor();
    await row.click();
    await bob.page.getByTestId('vote-reason').fill('Long overdue.');
    await bob.page.getByTestId('vote-no').click();
    await expect.poll(() => bob.page.getByTestId('tally-no').textContent()).toBe('1');

    // Alice did nothing: her page follows the repo's head.
    await expect.poll(() => alice.page.getByTestId('tally-no').textContent()).toBe('1');
    expect(await alice.page.getByTestId('vote-item').count()).toBe(2);
    await screenshot(alice.page, 'review-3-live-tally');
    await screenshot(bob.page, 'review-4-participant-dark');
  });

  it('lets a member change their vote; the last one counts', async () => {
    await bob.page.getByTestId('vote-yes').click();
    await expect.poll(() => alice.page.getByTestId('tally-yes').textContent()).toBe('2');
    await expect.poll(() => alice.page.getByTestId('tally-no').textContent()).toBe('0');
  });

  it('closes the proposal once every member voted, and shows the decision', async () => {
    await alice.page.getByTestId('close-proposal').click();
    await expect.poll(() => alice.page.getByTestId('proposal-status').textContent()).toBe('passed');
    await expect.poll(() => bob.page.getByTestId('proposal-status').textContent()).toBe('passed');
    await screenshot(alice.page, 'review-5-closed');
    // What the browser showed is what the repo holds, as the command line reads it.
    const shown = steward(['show', proposal, '--repo', g.repo, '--json'], {
      STEWARD_HOME: g.people.bob.home,
    });
    expect(shown.json).toMatchObject({ status: 'passed' });
  });
});
