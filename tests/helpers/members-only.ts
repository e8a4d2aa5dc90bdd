import type { Person } from './cli';

/** A group of Alice and Bob, founded by the CLI, with a clock that ticks per command. */
type Founded = { people: { alice: Person; bob: Person }; next: () => string };

/** Alice and Bob pass an amendment that lets members alone read the group. */
export const makeMembersOnly = (group: Founded): void => {
  const { alice, bob } = group.people;
  const { id } = alice.json<{ id: string }>(
    group.next(),
    'propose',
    'amend-charter',
    '--title',
    'Members read',
    '--set',
    'readAccess=members',
  );
  alice.json(group.next(), 'vote', id, 'yes');
  bob.json(group.next(), 'vote', id, 'yes');
  alice.json(group.next(), 'close', id);
};
