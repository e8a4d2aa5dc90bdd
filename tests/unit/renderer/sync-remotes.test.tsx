// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alice } from './fake-client';
import { renderApp } from './render-app';
import { SyncFake } from './sync-fake';

beforeEach(() => {
  // jsdom has no object URLs, which a download needs.
  URL.createObjectURL = vi.fn(() => 'blob:test/1');
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

const host = () => {
  const client = new SyncFake().returning().signInAs(alice);
  client.remotes = [
    { name: 'origin', url: 'https://git.example.org/guild.git', status: { ahead: 2, behind: 0 } },
    { name: 'usb', url: '/media/usb/guild', status: { ahead: 0, behind: 0 } },
  ];
  return client;
};

const row = async (name: string) =>
  (await screen.findAllByTestId('remote-row')).find(
    (r) => r.querySelector('td')?.textContent === name,
  )!;

describe('Sync screen remotes', () => {
  it('syncs a remote from its row in one click, and shows where it stands once the sync ends', async () => {
    const client = host();
    renderApp(client, '#/sync');
    const origin = await row('origin');
    expect(within(origin).getByTestId('remote-status').textContent).toBe(
      'never synced · 2 changes here to send',
    );
    fireEvent.click(within(origin).getByRole('button', { name: 'Sync' }));
    await screen.findByTestId('sync-result');
    expect(client.callsTo('sync:run')).toEqual([expect.objectContaining({ target: 'origin' })]);
    await waitFor(() =>
      expect(within(origin).getByTestId('remote-status').textContent).toBe(
        'synced just now · nothing new here',
      ),
    );
  });

  it('asks before removing a remote, and keeps it when told to', async () => {
    const client = host();
    renderApp(client, '#/sync');
    fireEvent.click(within(await row('origin')).getByRole('button', { name: 'Remove' }));
    expect(client.callsTo('sync:removeRemote')).toEqual([]);
    const confirm = screen.getByRole('group', { name: 'Remove origin?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('group', { name: 'Remove origin?' })).toBeNull();
    expect(screen.getAllByTestId('remote-row')).toHaveLength(2);

    fireEvent.click(within(await row('origin')).getByRole('button', { name: 'Remove' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove origin' }));
    await waitFor(() => expect(screen.getAllByTestId('remote-row')).toHaveLength(1));
    expect(client.callsTo('sync:removeRemote')).toEqual([{ name: 'origin' }]);
    expect(screen.getByTestId('remote-row').textContent).toMatch(/^usb/);
  });

  it('names what failed: the removal, the remote, and why', async () => {
    const client = host();
    client.failNext.set('sync:removeRemote', {
      code: 'not-found',
      message: 'no remote named usb',
      data: {},
    });
    renderApp(client, '#/sync');
    fireEvent.click(within(await row('usb')).getByRole('button', { name: 'Remove' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove usb' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Removing the remote usb failed: /,
    );
    expect(screen.getAllByTestId('remote-row')).toHaveLength(2);
  });

  it('adds a folder on this machine as a remote', async () => {
    const client = host();
    client.remotes = [];
    renderApp(client, '#/sync');
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'stick' } });
    fireEvent.change(screen.getByLabelText('Address or folder'), {
      target: { value: '/media/usb/guild' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add remote' }));
    await waitFor(() => expect(screen.getAllByTestId('remote-row')).toHaveLength(1));
    expect(client.callsTo('sync:addRemote')).toEqual([{ name: 'stick', url: '/media/usb/guild' }]);
  });

  it('confirms an exported bundle on screen, by its name and size', async () => {
    const client = host();
    renderApp(client, '#/sync');
    fireEvent.click(await screen.findByRole('button', { name: 'Export a bundle' }));
    expect((await screen.findByTestId('bundle-exported')).textContent).toMatch(
      /^Saved The-Collective-0123abcd\.bundle \(4 B\) to your downloads\./,
    );
    expect(screen.getByRole('status').textContent).toMatch(/Saved/);
  });

  it('has one primary action, Sync now', async () => {
    renderApp(host(), '#/sync');
    await screen.findAllByTestId('remote-row');
    const primary = document.querySelectorAll('main .primary');
    expect([...primary].map((b) => b.textContent)).toEqual(['Sync now']);
  });
});
