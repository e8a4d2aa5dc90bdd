// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRules } from '../../../shared/charter';
import { alice, FakeClient, groupState } from './fake-client';
import { openForm, previewAndSign, set } from './new-proposal-helpers';

afterEach(cleanup);

/** A group whose charter differs by kind: polls need 60%, everything runs three days. */
const chartered = () => {
  const state = groupState();
  const rules = defaultRules({ votingPeriod: 3 * 86400 });
  rules.poll = { ...rules.poll, quorum: 0.6 };
  return new FakeClient({
    ...state,
    charter: { name: 'The Collective', rules, requireApproval: false, readAccess: 'anyone' },
  }).signInAs(alice);
};

describe('NewProposal in words', () => {
  it('names each kind by its label, its id in the tooltip, with one line on what it does', async () => {
    await openForm();
    const picker = screen.getByTestId<HTMLSelectElement>('new-kind');
    const byValue = (v: string) => [...picker.options].find((o) => o.value === v)!;
    expect(byValue('add-member').textContent).toBe('Add a member');
    expect(byValue('add-member').title).toBe('add-member');
    expect(byValue('amend-charter').textContent).toBe('Change the charter');
    expect([...picker.options].map((o) => o.textContent)).not.toContain('transfer-shares');
    set('new-kind', 'transfer-shares');
    expect(screen.getByTestId('new-kind-description').textContent).toBe(
      "Moves shares of a model from one member to another, with the giver's consent.",
    );
  });

  it('shows the kind’s label in the preview', async () => {
    await openForm();
    set('new-kind', 'poll');
    set('new-title', 'Where do we meet?');
    set('new-option-0', 'Here');
    set('new-option-1', 'There');
    fireEvent.click(screen.getByTestId('new-preview'));
    const kind = await screen.findByTestId('preview-kind');
    expect(kind.textContent).toBe('Poll');
    expect(kind.title).toBe('poll');
  });

  it('names charter settings in words beside their value now', async () => {
    await openForm(chartered());
    set('new-kind', 'amend-charter');
    set('new-change-key-0', 'rules.poll.quorum');
    const key = screen.getByTestId<HTMLSelectElement>('new-change-key-0');
    expect(key.selectedOptions[0]?.textContent).toBe('Quorum for “Poll”');
    expect(screen.getByTestId('new-change-now-0').textContent).toBe('Now 60%');
    set('new-change-key-0', 'quorum');
    expect(screen.getByTestId('new-change-now-0').textContent).toBe('Now varies by kind');
    set('new-change-key-0', 'threshold');
    expect(screen.getByTestId('new-change-now-0').textContent).toBe('Now 50%');
    set('new-change-key-0', 'votingPeriod');
    expect(screen.getByTestId('new-change-now-0').textContent).toBe('Now 3 days');
    set('new-change-key-0', 'rules.resolution.weight');
    expect(screen.getByTestId('new-change-now-0').textContent).toBe('Now One vote each');
    const choices = screen.getByTestId<HTMLSelectElement>('new-change-value-0');
    expect([...choices.options].map((o) => o.textContent)).toEqual([
      'Choose',
      'One vote each',
      'Weighted by shares',
    ]);
  });

  it('takes quorum and threshold as percentages and durations as days or hours', async () => {
    const client = chartered();
    await openForm(client);
    set('new-kind', 'amend-charter');
    set('new-title', 'Faster and stricter');
    set('new-change-key-0', 'rules.poll.threshold');
    set('new-change-value-0', '70');
    fireEvent.click(screen.getByTestId('new-add-change'));
    set('new-change-key-1', 'rules.resolution.votingPeriod');
    set('new-change-value-1', '2');
    expect(screen.getByTestId<HTMLSelectElement>('new-change-unit-1').value).toBe('d');
    fireEvent.click(screen.getByTestId('new-preview'));
    const preview = await screen.findByTestId('preview-step');
    // What the preview says of each change, the same words as on the proposal's page.
    expect(preview.textContent).toMatch(/Threshold to pass for “Poll”.*50%.*70%/);
    expect(preview.textContent).toMatch(/Voting period for “Resolution”.*3 days.*2 days/);
    fireEvent.click(screen.getByTestId('new-edit'));
    set('new-change-unit-1', 'h');
    expect(screen.getByTestId<HTMLInputElement>('new-change-value-1').value).toBe('2');
    expect(await previewAndSign(client)).toMatchObject({
      params: {
        changes: [
          { key: 'rules.poll.threshold', value: 0.7 },
          { key: 'rules.resolution.votingPeriod', value: 2 * 3600 },
        ],
      },
    });
  });

  it('has one primary action on the form and one on the preview', async () => {
    await openForm();
    expect(document.querySelectorAll('.primary')).toHaveLength(1);
    expect(within(document.body).getByTestId('new-preview').classList).toContain('primary');
    set('new-title', 'Hello');
    fireEvent.click(screen.getByTestId('new-preview'));
    await screen.findByTestId('preview-step');
    expect(document.querySelectorAll('.primary')).toHaveLength(1);
    expect(screen.getByTestId('new-submit').classList).toContain('primary');
  });
});
