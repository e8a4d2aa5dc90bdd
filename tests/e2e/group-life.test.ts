/**
 * A group's whole life through the app alone, in Chromium: founding, a second member, a model
 * imported and registered without typing a hash, votes, closes and certifications until final, a
 * transfer with the giver's consent, a charter change in percentages, evidence from an evaluation,
 * and the audit — at a desktop size and again at 800×700. Bob, the second member, lives on the
 * command line. Each state the page shows is checked against `steward show/ownership --json`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { steward } from '../helpers/cli';
import { GroupWalk, PATIENT, type Size } from './group-walk';

const walks: GroupWalk[] = [];

afterEach(async () => {
  for (const w of walks.splice(0)) await w.close();
});

const walk = async (size: Size): Promise<void> => {
  const w = new GroupWalk(size);
  walks.push(w);
  await w.start();
  const { page } = w;

  // Alice's first run: an identity, then a group.
  await page.getByTestId('setup-name').fill('Alice');
  await page.getByTestId('setup-passphrase').fill('correct horse battery');
  await page.getByTestId('setup-passphrase-again').fill('correct horse battery');
  await page.getByTestId('setup-create').click();
  await page.getByTestId('group-name').fill('Riverside Lab');
  await page.getByTestId('group-hours').fill('24');
  await page.getByTestId('group-found').click();
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), PATIENT)
    .toBe('Riverside Lab');
  await page
    .getByText(/next steps/i)
    .first()
    .waitFor();
  await w.shot('founded');

  // Bob makes his identity on his own machine and sends Alice his public key.
  const bob = steward(['identity', 'create', '--name', 'Bob', '--json'], w.bob.env(w.now()));
  expect(bob.status, bob.stderr).toBe(0);
  const bobKey = (bob.json as { publicKey: string }).publicKey;

  // Add Bob: the proposal says who joins, and is finished in the app down to the certification.
  // Home's first next step opens the form as that kind.
  await page.getByRole('link', { name: 'Add a member', exact: true }).click();
  expect(await page.getByTestId('new-kind').inputValue()).toBe('add-member');
  await page.getByTestId('new-title').fill('Add Bob');
  await page.getByTestId('new-key').fill(bobKey);
  await page.getByTestId('new-name').fill('Bob');
  const addBob = await w.signFromForm();
  const decides = page.getByTestId('decides');
  await expect.poll(() => decides.textContent(), PATIENT).toMatch(/Bob/);
  expect(await page.getByTestId('proposal-kind').first().textContent()).toMatch(/Add a member/);
  await w.voteYes();
  await w.closeNow();
  await w.expectOutcome(addBob, /Passed 1–0/, false);
  await page
    .getByText(/provisional/i)
    .first()
    .waitFor();
  await w.shot('member-closed-provisional');
  await w.certify();
  await w.expectOutcome(addBob, /Passed 1–0/, true);

  // A model folder imported, then proposed for registration with every hash filled in.
  await w.go('Models');
  await page.getByTestId('import-dir').fill(w.modelDir);
  await page.getByTestId('import-model').fill('tiny-gpt');
  await page.getByTestId('import-version').fill('1.0');
  await page.getByTestId('import-submit').click();
  await page.getByTestId('import-result').getByText('tiny-gpt').waitFor();
  await w.shot('imported');
  await page
    .getByRole('button', { name: 'Propose registering', exact: true })
    .or(page.getByRole('link', { name: 'Propose registering', exact: true }))
    .click();
  await page.getByTestId('new-title').fill('Register Tiny GPT');
  await page.getByTestId('new-name').fill('Tiny GPT');
  await page.getByTestId('new-license').fill('mit');
  await page.locator('[data-testid="spdx-option"][data-id="MIT"]').click();
  await page.getByTestId('new-owner-0').selectOption({ label: 'Alice' });
  await page.getByTestId('new-owner-shares-0').fill('60');
  await page.getByTestId('new-add-owner').click();
  await page.getByTestId('new-owner-1').selectOption({ label: 'Bob' });
  await page.getByTestId('new-owner-shares-1').fill('40');
  await w.shot('register-form');
  await page.getByTestId('new-preview').click();
  const params = JSON.parse((await page.getByTestId('preview-json').textContent()) ?? '{}') as {
    model: string;
    version: string;
    files: { path: string; sha256: string }[];
  };
  expect(params).toMatchObject({ model: 'tiny-gpt', version: '1.0', files: w.modelFiles() });
  await page.getByTestId('new-submit').click();
  await expect.poll(() => page.url(), PATIENT).toMatch(/#\/proposals\/[0-9a-f]{64}$/);
  const register = w.proposalId();
  for (const file of w.modelFiles()) await decides.getByText(file.sha256).waitFor();
  await w.voteYes();
  w.bobJson('vote', register, 'yes');
  await w.closeNow();
  await w.expectOutcome(register, /Passed 2–0, quorum met/, false);
  await w.certify();
  // One of two: still provisional, and the page says how far it has come.
  await expect
    .poll(() => page.getByTestId('certify-progress').textContent(), PATIENT)
    .toMatch(/1 of 2/);
  expect(w.show(register).closes[0]!.certifiedBy).toHaveLength(1);
  await w.shot('register-certified-once');
  w.bobJson('certify', register);
  await w.expectOutcome(register, /Passed 2–0/, true);

  // A transfer Bob asks for: it cannot pass without Alice's consent, which she gives in the app.
  const { id: transfer } = w.bobJson<{ id: string }>(
    'propose',
    'transfer-shares',
    '--title',
    'Give Bob ten shares',
    '--model',
    'tiny-gpt',
    '--from',
    'Alice',
    '--to',
    'Bob',
    '--shares',
    '10',
  );
  await w.go('Home');
  await expect
    .poll(() => page.getByTestId('home-consent').textContent(), PATIENT)
    .toMatch(/Give Bob ten shares.*Consent to give 10 shares of Tiny GPT to Bob/);
  await w.openProposal(transfer);
  await page.getByText('Consent to give 10 shares of Tiny GPT to Bob').waitFor();
  expect(await page.getByTestId('consent-waiting').textContent()).toBe(
    "This transfer is waiting for Alice's consent: it cannot pass without it.",
  );
  await w.shot('transfer-waiting-consent');
  await page.getByRole('button', { name: 'Consent', exact: true }).click();
  await expect
    .poll(() => page.getByRole('button', { name: 'Consent', exact: true }).count(), PATIENT)
    .toBe(0);
  expect(w.show(transfer).consents).toHaveLength(1);
  expect(await page.getByTestId('consent-given').textContent()).toBe(
    '✓ Alice consented to give 10 shares of Tiny GPT to Bob.',
  );
  await w.voteYes();
  w.bobJson('vote', transfer, 'yes');
  await w.closeNow();
  await w.expectOutcome(transfer, /Passed 100–0 shares/, false);
  await w.certify();
  await w.expectOutcome(transfer, /Passed/, true);
  const { owners } = w.ownership('tiny-gpt');
  expect(owners.map((o) => o.shares)).toEqual([50, 50]);
  await w.go('Ownership');
  // The screen shows each owner's shares as the command line derives them.
  const rows = page.getByTestId('ownership-owner');
  await expect.poll(() => rows.allTextContents(), PATIENT).toEqual(['Alice5050%', 'Bob5050%']);
  await w.shot('ownership');

  // The charter: a quorum entered as a percentage.
  await page.getByRole('link', { name: 'New proposal' }).first().click();
  await page.getByTestId('new-kind').selectOption('amend-charter');
  await page.getByTestId('new-title').fill('A higher quorum for resolutions');
  await page.getByTestId('new-change-key-0').selectOption('rules.resolution.quorum');
  await page.getByTestId('new-change-value-0').fill('60');
  await page.getByTestId('new-preview').click();
  await page
    .getByTestId('preview-step')
    .getByText(/60\s?%/)
    .first()
    .waitFor();
  await page.getByTestId('new-submit').click();
  await expect.poll(() => page.url(), PATIENT).toMatch(/#\/proposals\/[0-9a-f]{64}$/);
  const amend = w.proposalId();
  await decides
    .getByText(/60\s?%/)
    .first()
    .waitFor();
  await w.shot('charter-change');
  await w.voteYes();
  w.bobJson('vote', amend, 'yes');
  await w.closeNow();
  await w.certify();
  w.bobJson('certify', amend);
  const amended = await w.expectOutcome(amend, /Passed 2–0/, true);
  expect(amended.params).toEqual({ changes: [{ key: 'rules.resolution.quorum', value: 0.6 }] });

  // Evidence: an evaluation of the model signed onto an open resolution.
  await page.getByRole('link', { name: 'New proposal' }).first().click();
  await page.getByTestId('new-kind').selectOption('resolution');
  await page.getByTestId('new-title').fill('Use Tiny GPT for greetings');
  const resolution = await w.signFromForm();
  await w.go('Models');
  await page.getByTestId('eval-file').setInputFiles(w.dataset());
  await page.getByTestId('eval-task').selectOption('text-generation');
  await page.getByTestId('eval-proposal').selectOption(resolution);
  await page.getByTestId('eval-submit').click();
  await expect.poll(() => page.getByTestId('eval-row').count(), { timeout: 30_000 }).toBe(2);
  expect(await page.getByTestId('eval-metrics').textContent()).toMatch(/Exact match 1 of 2/);
  await w.shot('evaluated');
  await w.openProposal(resolution);
  await page.getByTestId('evidence-item').waitFor();
  expect(await page.getByTestId('evidence-metrics').textContent()).toMatch(/Exact match 1 of 2/);
  expect(w.show(resolution).evidence).toHaveLength(1);
  await w.shot('evidence');

  // The audit, for the compliance officer.
  await w.go('Audit');
  await page.getByTestId('audit-format').selectOption('html');
  await page.getByTestId('audit-submit').click();
  await expect
    .poll(() => page.getByTestId('audit-file').allTextContents(), PATIENT)
    .toEqual(['audit.html']);
  await w.shot('audit');
};

describe('a group’s life in the app', () => {
  it('runs from founding to the audit at a desktop size', async () => {
    await walk({ name: 'desktop', width: 1280, height: 800 });
  }, 600_000);

  it('runs the same at 800×700', async () => {
    await walk({ name: 'small', width: 800, height: 700 });
  }, 600_000);
});
