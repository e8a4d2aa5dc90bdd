/**
 * Writing proposals in Chromium against the real `steward serve`: Alice registers a model for two
 * owners through the form and its SPDX picker, looks at the preview and signs; the proposal opens
 * with those params, its Markdown body rendered and a <script> in it shown as text. A draft typed
 * on the page survives a reload.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UiGroup } from '../helpers/ui-group';
import { openBrowser, screenshot, type Participant } from './browser';

type Snapshot = {
  state: {
    members: { id: string; name: string }[];
    proposals: { id: string; status: string; kind: string; params: unknown }[];
  };
};

/**
 * A full-page screenshot resizes the view and puts the scroll back some frames later, so that a
 * click made meanwhile lands where the button was: shoot from the top, and wait until it settles.
 */
const shot = async (page: Page, name: string): Promise<void> => {
  await page.evaluate('scrollTo(0, 0)');
  await screenshot(page, name);
  let last = -1;
  await expect
    .poll(async () => {
      const [before, now] = [last, await page.evaluate<number>('scrollY')];
      last = now;
      return before === now;
    })
    .toBe(true);
};

/** The group's state as the page's own session reads it. */
const groupState = (page: Page): Promise<Snapshot['state']> =>
  page.evaluate(async () => {
    const res = await fetch('/api/invoke/group:get', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return ((await res.json()) as { result: Snapshot }).result.state;
  });

describe('new proposals in the browser', () => {
  const g = new UiGroup();
  let alice: Participant;

  beforeAll(async () => {
    await g.start();
    alice = await openBrowser(g.host('#/new'));
    await alice.page.getByTestId('signin-passphrase').fill(g.people.alice.passphrase);
    await alice.page.getByTestId('signin-unlock').click();
    await alice.page.getByTestId('session-name').filter({ hasText: 'Alice' }).waitFor();
  }, 90_000);

  afterAll(async () => {
    await alice?.close();
    await g.close();
  });

  it('registers a model for two owners through the form, its preview and a signature', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'New proposal' }).click();
    await page.getByTestId('new-kind').selectOption('register-model');
    await page.getByTestId('new-title').fill('Register Tiny LM');
    await page
      .getByTestId('new-body')
      .fill(
        '# Why\n\nWe need a small model:\n\n- it runs on a laptop\n- it is **fast**\n\n<script>alert("pwned")</script>',
      );
    await page.getByTestId('new-slug').fill('tiny-lm');
    await page.getByTestId('new-name').fill('Tiny LM');
    await page.getByTestId('new-license').fill('apache');
    await page.locator('[data-testid="spdx-option"][data-id="Apache-2.0"]').click();
    expect(await page.getByTestId('new-license').inputValue()).toBe('Apache-2.0');
    await page.getByTestId('new-owner-0').selectOption({ label: 'Alice' });
    await page.getByTestId('new-owner-shares-0').fill('60');
    await page.getByTestId('new-add-owner').click();
    await page.getByTestId('new-owner-1').selectOption({ label: 'Bob' });
    await page.getByTestId('new-owner-shares-1').fill('40');
    expect(await page.getByTestId('new-owner-total').textContent()).toBe('Total: 100 shares');
    await page.getByTestId('draft-saved').waitFor();
    await shot(page, 'new-proposal-1-register-form');

    await page.getByTestId('new-preview').click();
    await page.getByTestId('preview-step').waitFor();
    expect(await page.getByTestId('preview-owners').textContent()).toMatch(
      /Alice: 60 shares \(60%\).*Bob: 40 shares \(40%\)/,
    );
    expect(await page.getByTestId('preview-body').locator('h3').textContent()).toBe('Why');
    await shot(page, 'new-proposal-2-preview');

    await page.getByTestId('new-submit').click();
    await expect.poll(() => page.url()).toMatch(/#\/proposals\/[0-9a-f]{64}$/);
    const id = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('proposal-status').textContent()).toBe('open');
    const body = page.getByTestId('proposal-body');
    expect(await body.locator('h3').textContent()).toBe('Why');
    expect(await body.locator('li').allTextContents()).toEqual([
      'it runs on a laptop',
      'it is fast',
    ]);
    expect(await body.locator('script').count()).toBe(0);
    expect(await body.textContent()).toContain('<script>alert("pwned")</script>');
    await shot(page, 'new-proposal-3-opened');

    const state = await groupState(page);
    const ids = Object.fromEntries(state.members.map((m) => [m.name, m.id]));
    const opened = state.proposals.find((p) => p.id === id)!;
    expect(opened).toMatchObject({ status: 'open', kind: 'register-model' });
    expect(opened.params).toEqual({
      model: 'tiny-lm',
      name: 'Tiny LM',
      license: 'Apache-2.0',
      owners: [
        { member: ids.Alice, shares: 60 },
        { member: ids.Bob, shares: 40 },
      ],
    });
  });

  it('keeps a draft through a reload, open in the form again', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'New proposal' }).click();
    await page.getByTestId('new-kind').selectOption('poll');
    await page.getByTestId('new-title').fill('Which day do we meet?');
    await page.getByTestId('new-option-0').fill('Monday');
    await page.getByTestId('new-option-1').fill('Thursday');
    await page.getByTestId('draft-saved').waitFor();

    await page.reload();
    const row = page.getByTestId('draft-row');
    await row.waitFor();
    await expect.poll(() => row.textContent()).toMatch(/Which day do we meet\?.*Poll.*editing/);
    await shot(page, 'new-proposal-4-draft-after-reload');
    // Nothing to resume by hand: the draft open when the page was left is open again.
    expect(await page.getByTestId('draft-resume').isDisabled()).toBe(true);
    expect(await page.getByTestId('new-kind').inputValue()).toBe('poll');
    expect(await page.getByTestId('new-title').inputValue()).toBe('Which day do we meet?');
    expect(await page.getByTestId('new-option-1').inputValue()).toBe('Thursday');
  });
});
