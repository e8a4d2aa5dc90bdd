// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import {
  chooseAutoFetchMB,
  DEFAULT_AUTO_FETCH_MB,
  fetchesByItself,
  storedAutoFetchMB,
} from '../../../renderer/settings/auto-fetch';
import type { SyncView } from '../../../shared/api-types';
import type { DerivedState } from '../../../shared/derive/state';
import { newlyApproved } from '../../../renderer/sync/newly-approved';

afterEach(() => window.localStorage.clear());

describe('the automatic fetch limit', () => {
  it('is 100 MB until chosen, and keeps what is chosen', () => {
    expect(storedAutoFetchMB()).toBe(DEFAULT_AUTO_FETCH_MB);
    chooseAutoFetchMB(0);
    expect(storedAutoFetchMB()).toBe(0);
    chooseAutoFetchMB(250);
    expect(storedAutoFetchMB()).toBe(250);
  });

  it.each(['-1', '1e3', 'abc', '', '99999999', ' 5', '5.5'])(
    'falls back to the default for a stored %j',
    (value) => {
      window.localStorage.setItem('steward.autoFetchMB', value);
      expect(storedAutoFetchMB()).toBe(DEFAULT_AUTO_FETCH_MB);
    },
  );

  it.each([
    [50_000_000, 100, true],
    [100_000_000, 100, true],
    [100_000_001, 100, false],
    [1, 0, false],
    [null, 100, false],
    [undefined, 100, false],
  ])('fetches %s missing bytes by itself under %i MB: %s', (bytes, mb, yes) => {
    expect(fetchesByItself(bytes, mb)).toBe(yes);
  });
});

describe('newlyApproved', () => {
  const proposal = (id: string, closes: string[]) => ({
    id,
    closes: closes.map((c) => ({ id: c })),
  });
  const state = {
    models: [
      {
        slug: 'tiny',
        retired: false,
        approvals: [
          { version: '1.0', purpose: 'chat', proposal: 'p-old' },
          { version: '2.0', purpose: 'chat', proposal: 'p-new' },
        ],
      },
      { slug: 'gone', retired: true, approvals: [{ version: '1', purpose: 'x', proposal: 'p-r' }] },
    ],
    proposals: [
      proposal('p-old', ['c-old']),
      proposal('p-new', ['c-new']),
      proposal('p-r', ['c-r']),
    ],
  } as unknown as DerivedState;
  const result = (proposals: string[], closes: string[]): SyncView => ({
    target: 'alice',
    route: 'http',
    objects: 1,
    bytes: 1,
    pushed: false,
    new: {
      proposals: proposals.map((id) => ({ id, title: id })),
      votes: [],
      closes: closes.map((id) => ({ id })),
      quarantined: [],
    },
  });

  it('finds a version whose approval was closed by what the sync brought', () => {
    expect(newlyApproved(state, result([], ['c-new', 'c-r']))).toEqual([
      { model: 'tiny', version: '2.0' },
    ]);
  });

  it('finds a version whose approve-use proposal came in whole', () => {
    expect(newlyApproved(state, result(['p-old'], []))).toEqual([
      { model: 'tiny', version: '1.0' },
    ]);
  });

  it('finds nothing in a sync that brought nothing', () => {
    expect(newlyApproved(state, result([], []))).toEqual([]);
  });
});
