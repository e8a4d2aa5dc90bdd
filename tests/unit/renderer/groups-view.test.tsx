// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupsView } from '../../../renderer/group/GroupsView';
import { StoresContext } from '../../../renderer/app/StoresContext';
import { createStores } from '../../../renderer/app/stores';
import { SessionGate } from '../../../renderer/session/SessionGate';
import { bob } from './fake-client';
import { GroupsFake } from './groups-fake';
import { renderApp } from './render-app';

afterEach(cleanup);

const KEY = 'Q'.repeat(43);

/** The Groups screen alone, signed in as Alice, with the app's stores to look into. */
const renderGroups = (client = new GroupsFake()) => {
  const stores = createStores(client);
  window.location.hash = '#/groups';
  render(
    <StoresContext.Provider value={stores}>
      <SessionGate>
        <GroupsView />
      </SessionGate>
    </StoresContext.Provider>,
  );
  return { client, stores, shown: () => stores.group.getState().snapshot?.state.group?.name };
};

describe('the Groups screen', () => {
  it('opens another group from the list, never showing the last group’s state for it', async () => {
    const { client, stores, shown } = renderGroups();
    await stores.group.getState().load();
    expect(shown()).toBe('The Collective');
    const list = await screen.findByRole('list', { name: 'Groups on this computer' });
    const rows = await within(list).findAllByTestId('known-group');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^The Collective.*Open now/),
      expect.stringMatching(/^Riverside Lab/),
    ]);
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    let release = () => {};
    client.hold = new Promise((r) => (release = r));
    const sessions = client.callsTo('session:get').length;
    fireEvent.click(screen.getByRole('button', { name: 'Open Riverside Lab' }));
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    expect(client.callsTo('group:open')).toEqual([{ dir: '/home/alice/riverside' }]);
    expect(client.callsTo('session:get').length).toBeGreaterThan(sessions);
    // The new group's state is on its way: the last group's is gone meanwhile.
    expect(shown()).toBeUndefined();
    release();
    await waitFor(() => expect(shown()).toBe('Riverside Lab'));
  });

  it('opens a folder by its full path, and says why a relative one cannot be', async () => {
    const { client } = renderGroups();
    const input = await screen.findByTestId('open-folder-path');
    fireEvent.change(input, { target: { value: 'riverside' } });
    expect(screen.getByRole('alert').textContent).toMatch(/full path/);
    expect(screen.getByTestId<HTMLButtonElement>('open-folder').disabled).toBe(true);
    fireEvent.change(input, { target: { value: '/nowhere' } });
    fireEvent.click(screen.getByTestId('open-folder'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/\/nowhere/);
    fireEvent.change(input, { target: { value: '/home/alice/riverside' } });
    fireEvent.click(screen.getByTestId('open-folder'));
    await waitFor(() =>
      expect(client.callsTo('group:open')).toContainEqual({ dir: '/home/alice/riverside' }),
    );
    await waitFor(() => expect(window.location.hash).toBe('#/'));
  });

  it('offers to join, found and open the demo without quitting', async () => {
    renderGroups();
    expect(await screen.findByRole('heading', { name: 'Join a group' })).toBeDefined();
    expect(screen.getByRole('heading', { name: 'Found a group' })).toBeDefined();
    fireEvent.click(screen.getByTestId('group-demo'));
    await waitFor(() => expect(window.location.hash).toBe('#/'));
  });

  it('tells a participant that only the host opens other groups', async () => {
    const client = new GroupsFake();
    client.session = { ...client.session, host: false };
    renderGroups(client);
    expect(await screen.findByText(/Only the host/)).toBeDefined();
    expect(screen.queryByTestId('open-folder')).toBeNull();
  });
});

describe('founding with further founders', () => {
  it('lists them with their keys, then waits for their signatures', async () => {
    const client = new GroupsFake();
    renderGroups(client);
    fireEvent.change(await screen.findByTestId('group-name'), { target: { value: 'Duo' } });
    fireEvent.click(screen.getByTestId('founder-add'));
    fireEvent.change(screen.getByTestId('founder-name'), { target: { value: 'Bob' } });
    fireEvent.change(screen.getByTestId('founder-key'), { target: { value: 'not-a-key' } });
    expect(screen.getByTestId('founder-problem').textContent).toMatch(/Bob's public key/);
    expect(screen.getByTestId<HTMLButtonElement>('group-found').disabled).toBe(true);
    fireEvent.change(screen.getByTestId('founder-key'), { target: { value: KEY } });
    expect(screen.queryByTestId('founder-problem')).toBeNull();
    fireEvent.click(screen.getByTestId('group-found'));
    await waitFor(() =>
      expect(client.callsTo('group:found')).toEqual([
        { name: 'Duo', votingPeriodHours: 72, founders: [{ name: 'Bob', key: KEY }] },
      ]),
    );
    cleanup();
    renderApp(client);
    expect(await screen.findByRole('heading', { name: 'Waiting for signatures' })).toBeDefined();
    const founders = screen.getAllByTestId('draft-founder').map((f) => f.textContent);
    expect(founders).toEqual(['Alice (you)Signed', 'BobNot signed yet']);
    expect(screen.getByTestId('draft-folder').textContent).toBe('/home/alice/.steward/groups/duo');
    expect(screen.getByText(/opens this same folder/)).toBeDefined();
    // Alice signed when she founded it: there is nothing left for her to sign.
    expect(screen.queryByRole('button', { name: 'Sign the charter' })).toBeNull();
  });

  it('lets a further founder sign, and enters the group with the last signature', async () => {
    const client = new GroupsFake();
    client.signInAs(bob);
    client.folders.set('/shared/duo', {
      state: { ...client.state, group: undefined },
      demo: false,
      draft: {
        name: 'Duo',
        founders: [
          { id: 'a'.repeat(64), name: 'Alice', signed: true },
          { id: bob.id, name: 'Bob', signed: false },
        ],
      },
    });
    client.enter('/shared/duo');
    renderApp(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign the charter' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Duo' })).toBeDefined();
    expect(client.callsTo('group:signCharter')).toEqual([{}]);
    expect(screen.queryByRole('heading', { name: 'Waiting for signatures' })).toBeNull();
  });
});
