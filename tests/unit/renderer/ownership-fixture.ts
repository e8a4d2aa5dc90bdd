import type { DerivedState } from '../../../shared/derive/state';
import { alice, bob, carol, groupState, proposal } from './fake-client';

export const registerId = '1'.repeat(64);
export const transferId = '2'.repeat(64);
export const registerClose = '3'.repeat(64);
export const transferClose = '4'.repeat(64);

const close = (id: string) => ({
  id,
  author: alice.id,
  created: '2026-02-01T00:00:00.000Z',
  basis: 'c0ffee',
  counted: [],
  certifiedBy: [],
  certified: false,
  tally: proposal().tally,
});

/** Tiny BERT registered 60/40 for Alice and Bob, then 10 of Bob's shares passed to Alice. */
export const ownershipState = (): DerivedState => {
  const state = groupState([
    proposal({
      id: registerId,
      kind: 'register-model',
      title: 'Register Tiny BERT',
      status: 'passed',
      closes: [close(registerClose)],
      winningClose: registerClose,
    }),
    proposal({
      id: transferId,
      kind: 'transfer-shares',
      title: 'Ten shares for Alice',
      status: 'passed',
      closes: [close(transferClose)],
      winningClose: transferClose,
    }),
  ]);
  const model = state.models[0]!;
  model.owners = [
    { member: alice.id, shares: 70 },
    { member: bob.id, shares: 30 },
  ];
  model.history = [
    {
      proposal: registerId,
      at: '2026-02-01T10:00:00.000Z',
      change: 'registered',
      owners: [
        { member: alice.id, shares: 60 },
        { member: bob.id, shares: 40 },
      ],
    },
    {
      proposal: transferId,
      at: '2026-02-03T10:00:00.000Z',
      change: `10 shares from ${bob.id} to ${alice.id}`,
      owners: model.owners,
    },
  ];
  state.models.push({
    ...model,
    slug: 'other',
    name: 'Other model',
    owners: [{ member: carol.id, shares: 1 }],
    history: [],
  });
  return state;
};
