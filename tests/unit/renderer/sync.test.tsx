// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../renderer/common/files';
import { alice } from './fake-client';
import { syncStatusText } from '../../../renderer/sync/sync-status';
import { renderApp } from './render-app';
import { HostFake } from './setup-fake';

afterEach(cleanup);

const host = () => new HostFake().returning().signInAs(alice);

describe('Sync status', () => {
  it.each<[{ synced?: 'now' | '50m' | '3d'; ahead: number; behind: number }, string]>([
    [{ ahead: 0, behind: 0 }, 'never synced'],
    [{ ahead: 1, behind: 0 }, 'never synced · 1 change here to send'],
    [{ synced: 'now', ahead: 0, behind: 0 }, 'synced just now · nothing new here'],
    [{ synced: '50m', ahead: 1000, behind: 0 }, 'synced 50 min ago · 1000+ changes here to send'],
    [
      { synced: '3d', ahead: 0, behind: 2 },
      'synced 3 days ago · nothing new here · 2 changes of theirs not brought in',
    ],
  ])('says %j as "%s"', (given, text) => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    const back = { now: 0, '50m': 50 * 60_000, '3d': 3 * 86_400_000 }[given.synced ?? 'now'];
    const status = {
      ...given,
      ...(given.synced !== undefined && { synced: new Date(now - back).toISOString() }),
    };
    expect(syncStatusText(status, now)).toBe(text);
  });

  it('shows the host where the repo stands with each remote on Home, and nothing to others', async () => {
    const client = host();
    client.remotes = [
      {
        name: 'origin',
        url: 'https://git.example.org/guild.git',
        status: { synced: new Date().toISOString(), ahead: 0, behind: 0 },
      },
      { name: 'laptop', url: 'http://10.0.0.2:7420/', status: { ahead: 3, behind: 0 } },
    ];
    renderApp(client, '#/');
    expect((await screen.findByTestId('home-sync')).textContent).toBe(
      'origin synced just now · nothing new herelaptop never synced · 3 changes here to send',
    );
    // Again when the head moves: a new statement here is one more to send.
    const asked = client.callsTo('sync:remotes').length;
    client.head = 'h1';
    act(() => client.emitChange());
    await waitFor(() => expect(client.callsTo('sync:remotes').length).toBeGreaterThan(asked));
    cleanup();

    const participant = host();
    participant.session = { ...participant.session, host: false };
    renderApp(participant, '#/');
    await screen.findByText('Recent decisions');
    expect(screen.queryByTestId('home-sync')).toBeNull();
    expect(participant.callsTo('sync:remotes')).toEqual([]);
  });
});

describe('Sync', () => {
  it('lists the remotes and adds one', async () => {
    const client = host();
    client.remotes = [
      {
        name: 'origin',
        url: 'https://git.example.org/guild.git',
        status: { synced: new Date(Date.now() - 3 * 3_600_000).toISOString(), ahead: 2, behind: 0 },
      },
    ];
    renderApp(client, '#/sync');
    expect((await screen.findAllByTestId('remote-row')).map((r) => r.textContent)).toEqual([
      'originhttps://git.example.org/guild.gitsynced 3 h ago · 2 changes here to sendSyncRemove',
    ]);
    fireEvent.change(screen.getByTestId('remote-name'), { target: { value: 'laptop' } });
    fireEvent.change(screen.getByTestId('remote-url'), {
      target: { value: 'http://10.0.0.2:7420/' },
    });
    fireEvent.click(screen.getByTestId('remote-add'));
    await waitFor(() => expect(screen.getAllByTestId('remote-row')).toHaveLength(2));
    expect(client.callsTo('sync:addRemote')).toEqual([
      { name: 'laptop', url: 'http://10.0.0.2:7420/' },
    ]);
    expect(screen.getAllByTestId('remote-status')[1]!.textContent).toBe('');
    // The list refreshes inside addRemote, before the form hears it succeeded.
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('remote-name').value).toBe(''));
    expect(screen.getByTestId<HTMLInputElement>('remote-url').value).toBe('');
  });

  it('shows the progress of its own run only, then what came in', async () => {
    const client = host();
    client.remotes = [{ name: 'origin', url: 'https://git.example.org/guild.git' }];
    client.progress = [{ phase: 'Receiving objects', done: 3, total: 10 }];
    client.syncResult = {
      ...client.syncResult,
      new: {
        proposals: [{ id: '1'.repeat(64), title: 'Adopt Tiny BERT' }],
        votes: [{ id: '2'.repeat(64) }, { id: '3'.repeat(64) }],
        closes: [],
        quarantined: [{ path: 'votes/x.json', reason: 'bad-signature' }],
      },
    };
    let release = () => undefined as void;
    client.gate = new Promise((resolve) => (release = resolve));
    renderApp(client, '#/sync');
    fireEvent.click(await screen.findByRole('button', { name: 'Sync' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-progress').textContent).toBe(
        'Syncing with origin: Receiving objects 3 of 10',
      ),
    );
    // Another run's events (another window's sync) do not move this one's progress.
    act(() => client.emitProgress('another-run', [{ phase: 'Elsewhere', done: 9, total: 9 }]));
    expect(screen.getByTestId('sync-progress').textContent).toMatch(/3 of 10/);
    expect(client.listening('sync:onDidProgress')).toBe(1);
    const [run] = client.callsTo('sync:run') as { runId: string; target: string }[];
    expect(run).toMatchObject({ target: 'origin' });
    expect(run!.runId).toMatch(/^[0-9a-f-]{36}$/);
    release();
    const result = await screen.findByTestId('sync-result');
    expect(screen.queryByTestId('sync-progress')).toBeNull();
    expect(result.textContent).toMatch(/New: 1 proposal, 2 votes, 0 closes/);
    expect(screen.getByRole('link', { name: 'Adopt Tiny BERT' }).getAttribute('href')).toBe(
      `#/proposals/${'1'.repeat(64)}`,
    );
    expect(screen.getByTestId('sync-quarantined').textContent).toBe('votes/x.json: bad-signature');
    expect(client.listening('sync:onDidProgress')).toBe(0);
  });

  it('says why a sync failed: the peer out of reach, or the app itself', async () => {
    const client = host();
    // The app could not reach the peer: its own words say which and why.
    client.failNext.set('sync:run', {
      code: 'network',
      message: 'cannot reach 10.0.0.9:7420 (ECONNREFUSED)',
      data: {},
    });
    renderApp(client, '#/sync');
    fireEvent.change(await screen.findByTestId('sync-target'), {
      target: { value: 'http://10.0.0.9:7420/' },
    });
    fireEvent.click(screen.getByTestId('sync-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Sync with http://10.0.0.9:7420/ failed: cannot reach 10.0.0.9:7420 (ECONNREFUSED)',
    );
    // This page could not reach the app at all.
    client.failNext.set('sync:run', {
      code: 'network',
      message: 'Failed to fetch',
      data: { transport: true },
    });
    fireEvent.click(screen.getByTestId('sync-submit'));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Sync with http://10.0.0.9:7420/ failed: Could not reach the app. Check the connection and try again.',
      ),
    );
  });

  it('imports a chosen bundle as base64', async () => {
    const client = host();
    renderApp(client, '#/sync');
    const file = new File([new Uint8Array([0, 1, 2, 255])], 'bob.bundle');
    fireEvent.change(await screen.findByTestId('bundle-import'), { target: { files: [file] } });
    expect((await screen.findByTestId('sync-result')).textContent).toMatch(/bob\.bundle/);
    expect(client.callsTo('sync:bundleImport')).toEqual([
      expect.objectContaining({ name: 'bob.bundle', base64: 'AAEC/w==' }),
    ]);
  });

  it('explains to a participant that syncing is the host’s', async () => {
    const client = host();
    client.session = { ...client.session, host: false };
    renderApp(client, '#/sync');
    expect((await screen.findByTestId('sync-not-host')).textContent).toMatch(/host/);
    expect(screen.queryByTestId('sync-submit')).toBeNull();
    expect(client.callsTo('sync:remotes')).toEqual([]);
  });
});

describe('base64', () => {
  it('round-trips every byte value, past one chunk', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(new Uint8Array([0, 1, 2, 255]))).toBe('AAEC/w==');
  });
});
