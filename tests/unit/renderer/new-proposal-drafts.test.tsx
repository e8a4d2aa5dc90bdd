// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../renderer/new-proposal/draft';
import { draftsDbName, openDrafts } from '../../../renderer/data/drafts-db';
import { alice, bob, FakeClient, groupState } from './fake-client';
import { openForm, previewAndSign, set } from './new-proposal-helpers';

afterEach(async () => {
  cleanup();
  const db = new Dexie(draftsDbName);
  await db.open();
  await db.table('drafts').clear();
  db.close();
});

/** The group the fake client's state belongs to. */
const GROUP = groupState().group!.id;
const saved = async () => (await openDrafts())!.list(GROUP);
const value = (testId: string) => screen.getByTestId<HTMLInputElement>(testId).value;

describe('NewProposal drafts', () => {
  it('lists the drafts of this group, and of no other (older drafts, of no group, in all)', async () => {
    const drafts = (await openDrafts())!;
    await drafts.save('here', { ...emptyDraft, title: 'For this group' }, 3, GROUP);
    await drafts.save('there', { ...emptyDraft, title: 'For another group' }, 2, 'e'.repeat(64));
    await drafts.save('old', { ...emptyDraft, title: 'From before' }, 1, undefined);
    await openForm();
    await waitFor(() =>
      expect(screen.getAllByTestId('draft-row').map((r) => r.textContent)).toEqual([
        expect.stringMatching(/^For this group/),
        expect.stringMatching(/^From before/),
      ]),
    );
    cleanup();
    // The same device, another group open: its draft alone (and the old one).
    const other = groupState();
    const elsewhere = new FakeClient({
      ...other,
      group: { ...other.group!, id: 'e'.repeat(64), name: 'Elsewhere' },
    }).signInAs(alice);
    await openForm(elsewhere);
    await waitFor(() =>
      expect(screen.getAllByTestId('draft-row').map((r) => r.textContent)).toEqual([
        expect.stringMatching(/^For another group/),
        expect.stringMatching(/^From before/),
      ]),
    );
    // What is typed there is kept for that group.
    set('new-title', 'Typed elsewhere');
    await waitFor(async () =>
      expect((await drafts.list('e'.repeat(64))).map((r) => r.title)).toContain('Typed elsewhere'),
    );
    expect((await drafts.list(GROUP)).map((r) => r.title)).not.toContain('Typed elsewhere');
  });

  it('saves the form as the user types, once they pause', async () => {
    await openForm();
    set('new-kind', 'transfer-shares');
    set('new-title', 'Half for Bob');
    set('new-model', 'tiny-bert');
    expect(await screen.findByTestId('draft-saved')).toBeDefined();
    const rows = await saved();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'transfer-shares',
      title: 'Half for Bob',
      body: '',
      params: { model: 'tiny-bert' },
    });
    expect(await screen.findByTestId('draft-row')).toBeDefined();
  });

  it('resumes a saved draft with every field as it was', async () => {
    const drafts = (await openDrafts())!;
    const draft = {
      ...emptyDraft,
      kind: 'transfer-shares' as const,
      title: 'Ten to Bob',
      body: 'Because.',
      model: 'tiny-bert',
      to: bob.id,
      shares: '10',
    };
    await drafts.save('d1', draft, Date.UTC(2026, 10, 20), GROUP);
    await openForm();
    expect((await screen.findByTestId('draft-row')).textContent).toMatch(
      /Ten to Bob.*Transfer shares/,
    );
    fireEvent.click(screen.getByTestId('draft-resume'));
    expect(value('new-kind')).toBe('transfer-shares');
    expect(value('new-title')).toBe('Ten to Bob');
    expect(value('new-body')).toBe('Because.');
    expect(value('new-model')).toBe('tiny-bert');
    expect(value('new-to')).toBe(bob.id);
    expect(value('new-shares')).toBe('10');
    // Typing on goes into the same draft, not a new one.
    set('new-shares', '12');
    await waitFor(async () => expect((await saved())[0]?.params.shares).toBe('12'));
    expect(await saved()).toHaveLength(1);
  });

  it('deletes a draft, and empties the form when it was the one being edited', async () => {
    await (await openDrafts())!.save('d1', { ...emptyDraft, title: 'Old idea' }, 1, GROUP);
    await openForm();
    fireEvent.click(await screen.findByTestId('draft-resume'));
    expect(value('new-title')).toBe('Old idea');
    fireEvent.click(screen.getByTestId('draft-delete'));
    await waitFor(() => expect(screen.queryByTestId('draft-row')).toBeNull());
    expect(value('new-title')).toBe('');
    expect(await saved()).toEqual([]);
  });

  it('removes the draft once it is proposed', async () => {
    const client = await openForm();
    set('new-title', 'Ship it');
    await screen.findByTestId('draft-row');
    await previewAndSign(client);
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/proposals\//));
    expect(await saved()).toEqual([]);
  });

  it('keeps nothing for a form left blank', async () => {
    await openForm();
    set('new-title', 'x');
    set('new-title', '');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await saved()).toEqual([]);
    expect(screen.queryByTestId('draft-row')).toBeNull();
  });
});
