// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestChannel, Requests } from '../../../shared/api-channels';
import type { LocalModelStatus, SyncView } from '../../../shared/api-types';
import { approval, ModelsClient, modelsState } from './models-fake';
import { renderApp } from './render-app';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const CLOSE = 'c1'.repeat(32);

/** The host's models fake with a sync that brings the close of the approve-use of tiny-gpt 1.0. */
class SyncingClient extends ModelsClient {
  fetches: Record<string, unknown>[] = [];

  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    if (channel === 'sync:remotes') return { remotes: [] } as never;
    if (channel === 'sync:run') {
      this.calls.push({ channel, arg });
      const result: SyncView = {
        target: 'bob',
        route: 'http',
        objects: 3,
        bytes: 900,
        pushed: false,
        new: {
          proposals: [],
          votes: [],
          closes: [{ id: CLOSE }],
          quarantined: [],
        },
      };
      return result;
    }
    if (channel === 'models:fetch') {
      this.calls.push({ channel, arg });
      this.fetches.push(arg);
      // Never settles: the test looks at what was asked, not at its end.
      return new Promise(() => undefined);
    }
    return super.invoke(channel, arg);
  }
}

const missing = (missingBytes: number | null): LocalModelStatus => ({
  model: 'tiny-gpt',
  version: '1.0',
  status: 'not-imported',
  filesHere: 0,
  filesTotal: 2,
  missingBytes,
  approved: true,
});

const syncWith = async (c: SyncingClient) => {
  renderApp(c, '#/sync');
  fireEvent.change(await screen.findByTestId('sync-target'), { target: { value: 'bob' } });
  fireEvent.click(screen.getByTestId('sync-submit'));
  return screen.findByTestId('sync-fetch-offer');
};

/** The group's state once the approve-use is closed: the close the sync brings. */
const closedState = () => {
  const state = modelsState();
  const [close] = state.proposals.find((p) => p.id === approval.id)?.closes ?? [];
  return {
    ...state,
    proposals: state.proposals.map((p) =>
      p.id === approval.id ? { ...p, closes: [{ ...close!, id: CLOSE }] } : p,
    ),
  };
};

describe('after a sync that approves a version whose files are missing', () => {
  it('fetches it by itself when it is within the limit', async () => {
    const c = new SyncingClient(closedState()).asHost();
    c.statuses = [missing(40_000_000)];
    const offer = await syncWith(c);
    expect(within(offer).getByTestId('files-here').textContent).toBe('2 of 2 files missing, 40 MB');
    await waitFor(() =>
      expect(c.fetches).toEqual([expect.objectContaining({ model: 'tiny-gpt', version: '1.0' })]),
    );
  });

  it('offers it without fetching when it is over the limit, or of unknown size', async () => {
    for (const bytes of [150_000_000, null]) {
      const c = new SyncingClient(closedState()).asHost();
      c.statuses = [missing(bytes)];
      const offer = await syncWith(c);
      expect(within(offer).getByTestId('fetch-1.0')).toBeDefined();
      // The offer shows once the statuses are in, in the render whose effect fetches by itself.
      await act(() => Promise.resolve());
      expect(c.fetches).toEqual([]);
      cleanup();
    }
  });

  it('never fetches by itself when the limit is 0', async () => {
    window.localStorage.setItem('steward.autoFetchMB', '0');
    const c = new SyncingClient(closedState()).asHost();
    c.statuses = [missing(1_000)];
    const offer = await syncWith(c);
    expect(offer.textContent).toMatch(/Fetch each when you are ready/);
    // The offer shows once the statuses are in, in the render whose effect fetches by itself.
    await act(() => Promise.resolve());
    expect(c.fetches).toEqual([]);
  });
});
