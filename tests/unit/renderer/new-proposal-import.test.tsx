// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { draftsDbName } from '../../../renderer/data/drafts-db';
import type { ImportedModel } from '../../../shared/api-types';
import { alice, bob } from './fake-client';
import { ModelsClient, sha } from './models-fake';
import { previewAndSign, set } from './new-proposal-helpers';
import { renderApp } from './render-app';

afterEach(async () => {
  cleanup();
  const db = new Dexie(draftsDbName);
  await db.open();
  await Promise.all(db.tables.map((t) => t.clear()));
  db.close();
});

const value = (testId: string) => screen.getByTestId<HTMLInputElement>(testId).value;

/** The host imports `model@version` on the Models screen; the import answers `files`. */
const imported = async (client: ModelsClient, result: ImportedModel) => {
  renderApp(client, '#/models');
  await screen.findByTestId('import-submit');
  set('import-dir', `/home/alice/models/${result.model}`);
  set('import-model', result.model);
  set('import-version', result.version);
  fireEvent.click(screen.getByTestId('import-submit'));
  await waitFor(() => expect(client.callsTo('models:import')).toHaveLength(1));
  act(() => client.answer('models:import', result));
  await screen.findByTestId('import-result');
};

const files = [
  { path: 'config.json', sha256: sha('4'), size: 1000 },
  { path: 'onnx/model.onnx', sha256: sha('5'), size: 2_000_000 },
];

describe('Propose registering, after an import', () => {
  it('opens a register-model proposal with the slug, version and every file’s hash', async () => {
    const client = new ModelsClient().asHost();
    await imported(client, { model: 'tiny-lm', version: '1.0', files });
    fireEvent.click(screen.getByRole('button', { name: 'Propose registering' }));
    await screen.findByTestId('new-kind');
    expect(window.location.hash).toBe('#/new');
    expect(value('new-kind')).toBe('register-model');
    expect(value('new-slug')).toBe('tiny-lm');
    expect(value('new-version')).toBe('1.0');
    expect([value('new-file-path-0'), value('new-file-sha-0')]).toEqual(['config.json', sha('4')]);
    expect([value('new-file-path-1'), value('new-file-sha-1')]).toEqual([
      'onnx/model.onnx',
      sha('5'),
    ]);
    // What is left to decide is the licence and the owners: no hash is typed.
    set('new-license', 'MIT');
    set('new-owner-0', alice.id);
    set('new-owner-shares-0', '100');
    expect(await previewAndSign(client)).toMatchObject({
      kind: 'register-model',
      params: {
        model: 'tiny-lm',
        version: '1.0',
        files: files.map(({ path, sha256 }) => ({ path, sha256 })),
      },
    });
  });

  it('opens add-version when the group has the model already', async () => {
    const client = new ModelsClient().asHost();
    await imported(client, { model: 'tiny-gpt', version: '3.0', files });
    expect(screen.getByTestId('propose-registering').textContent).toBe('Propose registering');
    fireEvent.click(screen.getByTestId('propose-registering'));
    await screen.findByTestId('new-kind');
    expect(value('new-kind')).toBe('add-version');
    expect(value('new-model')).toBe('tiny-gpt');
    expect(value('new-version')).toBe('3.0');
    expect(value('new-file-sha-1')).toBe(sha('5'));
  });

  it('offers the same for a version imported another day and not registered yet', async () => {
    const client = new ModelsClient().asHost();
    client.statuses.push({ model: 'tiny-lm', version: '0.9', status: 'not-registered', files });
    renderApp(client, '#/models');
    fireEvent.click(await screen.findByRole('button', { name: 'Propose registering tiny-lm 0.9' }));
    await screen.findByTestId('new-kind');
    expect(value('new-kind')).toBe('register-model');
    expect(value('new-slug')).toBe('tiny-lm');
    expect(value('new-version')).toBe('0.9');
    expect(value('new-file-sha-0')).toBe(sha('4'));
  });

  it('offers nothing to propose for a version the group registered already', async () => {
    const client = new ModelsClient().asHost();
    await imported(client, { model: 'tiny-gpt', version: '2.0', files });
    expect(screen.queryByTestId('propose-registering')).toBeNull();
  });
});

describe('Fill from an imported version', () => {
  it('fills the files, version and slug from a version imported on this computer', async () => {
    const client = new ModelsClient().asHost();
    client.statuses.push({ model: 'tiny-lm', version: '0.9', status: 'not-registered', files });
    renderApp(client, '#/new');
    await screen.findByTestId('new-kind');
    set('new-kind', 'register-model');
    fireEvent.click(screen.getByRole('button', { name: 'Fill from an imported version' }));
    const pick = await screen.findByTestId<HTMLSelectElement>('fill-from-import-pick');
    // Only versions whose files this computer holds (the host's own client is told them).
    expect([...pick.options].map((o) => o.value)).toEqual(['', 'tiny-lm@0.9']);
    fireEvent.change(pick, { target: { value: 'tiny-lm@0.9' } });
    expect(value('new-slug')).toBe('tiny-lm');
    expect(value('new-version')).toBe('0.9');
    expect([value('new-file-path-1'), value('new-file-sha-1')]).toEqual([
      'onnx/model.onnx',
      sha('5'),
    ]);
    expect(screen.getByRole('status').textContent).toBe('Filled 2 files from tiny-lm 0.9.');
  });

  it('says where imports are listed to a browser that is not the host', async () => {
    const client = new ModelsClient().signInAs(bob);
    renderApp(client, '#/new');
    await screen.findByTestId('new-kind');
    set('new-kind', 'add-version');
    fireEvent.click(screen.getByTestId('fill-from-import'));
    expect((await screen.findByTestId('fill-from-import-none')).textContent).toMatch(
      /listed in the app on the host’s computer/,
    );
  });
});

describe('Leaving the New proposal form', () => {
  const go = async (hash: string) => {
    act(() => {
      window.location.hash = hash;
    });
    await waitFor(() => expect(window.location.hash).toBe(hash));
  };

  it('finds the draft as it was when the user comes back', async () => {
    const client = new ModelsClient().signInAs(alice);
    renderApp(client, '#/new');
    await screen.findByTestId('new-kind');
    set('new-kind', 'poll');
    set('new-title', 'Where do we meet?');
    set('new-option-1', 'The library');
    await go('#/members');
    await waitFor(() => expect(screen.queryByTestId('new-kind')).toBeNull());
    await go('#/new');
    await screen.findByTestId('new-kind');
    expect(value('new-kind')).toBe('poll');
    expect(value('new-title')).toBe('Where do we meet?');
    expect(value('new-option-1')).toBe('The library');
    // Proposed, it is gone: coming back starts afresh.
    set('new-option-0', 'The park');
    await previewAndSign(client);
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/proposals\//));
    await go('#/new');
    await screen.findByTestId('new-kind');
    expect(value('new-title')).toBe('');
  });

  it('opens the draft that was open when the page was closed', async () => {
    renderApp(new ModelsClient().signInAs(alice), '#/new');
    await screen.findByTestId('new-kind');
    set('new-kind', 'resolution');
    set('new-title', 'Keep the minutes');
    await screen.findByTestId('draft-saved');
    cleanup();
    // A new page: nothing held in memory, the draft comes back from this device's storage.
    renderApp(new ModelsClient().signInAs(alice), '#/new');
    await waitFor(() => expect(value('new-title')).toBe('Keep the minutes'));
    const row = screen.getByTestId('draft-row');
    expect(row.textContent).toMatch(/Keep the minutes.*Resolution.*editing/);
    // A fresh form is what opens next time once the user starts a new one.
    fireEvent.click(screen.getByTestId('new-blank'));
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('draft-resume').disabled).toBe(false),
    );
    cleanup();
    renderApp(new ModelsClient().signInAs(alice), '#/new');
    await screen.findByTestId('draft-row');
    expect(value('new-title')).toBe('');
  });
});
