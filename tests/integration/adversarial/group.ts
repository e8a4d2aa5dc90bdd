/**
 * A real, valid group repo built through Steward's own governance actions, at fixed times: the
 * baseline every attack starts from. Minutes below are minutes after the founding.
 *
 *   0  Fay founds "Test Guild" alone (every kind: 2 h voting, quorum and threshold 0.5)
 *   1  add Ada (Fay yes, closed at 3)          4  add Bob (Fay, Ada yes, closed at 7)
 *   8  register model "llama", Fay 60 / Ada 40 shares (all yes, closed at 12, Ada certifies at 13)
 *  14  resolution "closed" by Ada (Fay yes, Ada yes, Bob no; Bob closes at 18: passed)
 *  20  set-license on llama (owners only; Ada yes)   22  transfer 10 of Ada's shares to Bob
 *  25  resolution "withdrawn" by Bob (Fay yes at 26; Bob withdraws at 27)
 *  28  Bob rotates his key                    120  resolution "open" by Ada (Fay yes, Bob no)
 *  150 the verifier's clock
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSigner } from '../../helpers/memory-group';
import { statementPath } from '../../../shared/format/paths';
import { certify, close } from '../../../electron/core/governance/close';
import { found } from '../../../electron/core/governance/found';
import { propose } from '../../../electron/core/governance/propose';
import { rotateKey } from '../../../electron/core/governance/rotate';
import { vote, withdraw } from '../../../electron/core/governance/vote';
import { Keystore, type Signer } from '../../../electron/core/identity/keystore';
import { Ledger } from '../../../electron/core/ledger/ledger';

const PASSPHRASE = 'correct horse battery staple';
const T0 = Date.parse('2026-03-02T09:00:00.000Z');

/** The time `minutes` after the founding. */
export const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);
export const NOW = at(150);

export type Group = {
  dir: string;
  group: string;
  head: string;
  fay: Signer;
  ada: Signer;
  bob: Signer;
  /** Bob's key before his rotation at minute 28. */
  bobOld: Signer;
  /** Not a member: a valid key the group has never heard of. */
  mallory: Signer;
  proposals: Record<
    'addAda' | 'addBob' | 'model' | 'closed' | 'license' | 'transfer' | 'withdrawn' | 'open',
    string
  >;
  /** The valid close of the "closed" resolution. */
  closedClose: string;
  /** Statement files of the baseline, by role: copied and tampered by attacks. */
  files: { adaVoteOnClosed: string; bobVoteOnOpen: string; withdrawal: string };
};

const member = async (root: string, name: string): Promise<Keystore> => {
  const keystore = new Keystore(join(root, `home-${name}`));
  await keystore.create(name, PASSPHRASE, at(0));
  return keystore;
};

/** A key pair no group knows. */
export const strangerSigner = makeSigner;

export const buildGroup = async (): Promise<Group> => {
  const root = await mkdtemp(join(tmpdir(), 'steward-group-'));
  const dir = join(root, 'repo');
  const fay = await (await member(root, 'Fay')).unlock(PASSPHRASE);
  const ada = await (await member(root, 'Ada')).unlock(PASSPHRASE);
  const bobStore = await member(root, 'Bob');
  const bobOld = await bobStore.unlock(PASSPHRASE);
  const rules = { votingPeriod: 7200 };
  const founded = await found({
    path: dir,
    name: 'Test Guild',
    founders: [],
    rules,
    signer: fay,
    now: at(0),
  });
  const ledger = await Ledger.open(dir);
  const as = (signer: Signer, minutes: number) => ({ ledger, signer, now: at(minutes) });
  const yes = { choice: 'yes' as const };
  const no = { choice: 'no' as const };
  const resolution = (title: string) => ({ kind: 'resolution' as const, title, params: {} });

  const addAda = await propose(as(fay, 1), {
    kind: 'add-member',
    title: 'Add Ada',
    params: { key: ada.publicKey, name: 'Ada' },
  });
  await vote(as(fay, 2), { proposal: addAda.id, ballot: yes });
  await close(as(fay, 3), addAda.id);

  const addBob = await propose(as(fay, 4), {
    kind: 'add-member',
    title: 'Add Bob',
    params: { key: bobOld.publicKey, name: 'Bob' },
  });
  await vote(as(fay, 5), { proposal: addBob.id, ballot: yes });
  await vote(as(ada, 6), { proposal: addBob.id, ballot: yes });
  await close(as(fay, 7), addBob.id);

  const owners = [
    { member: fay.id, shares: 60 },
    { member: ada.id, shares: 40 },
  ];
  const model = await propose(as(fay, 8), {
    kind: 'register-model',
    title: 'Register llama',
    params: { model: 'llama', name: 'Llama', license: 'MIT', owners },
  });
  for (const [signer, minute] of [
    [fay, 9],
    [ada, 10],
    [bobOld, 11],
  ] as const)
    await vote(as(signer, minute), { proposal: model.id, ballot: yes });
  await close(as(fay, 12), model.id);
  await certify(as(ada, 13), model.id);

  const closed = await propose(as(ada, 14), resolution('Adopt the code of conduct'));
  await vote(as(fay, 15), { proposal: closed.id, ballot: yes });
  const adaOnClosed = await vote(as(ada, 16), { proposal: closed.id, ballot: yes });
  await vote(as(bobOld, 17), { proposal: closed.id, ballot: no });
  const closedClose = await close(as(bobOld, 18), closed.id);

  const license = await propose(as(fay, 20), {
    kind: 'set-license',
    title: 'Relicense llama',
    params: { model: 'llama', license: 'Apache-2.0' },
  });
  await vote(as(ada, 21), { proposal: license.id, ballot: yes });
  const transfer = await propose(as(fay, 22), {
    kind: 'transfer-shares',
    title: 'Give Bob 10 of Ada’s shares',
    params: { model: 'llama', from: ada.id, to: bobOld.id, shares: 10 },
  });

  const withdrawn = await propose(as(bobOld, 25), resolution('Buy a GPU'));
  await vote(as(fay, 26), { proposal: withdrawn.id, ballot: yes });
  const withdrawal = await withdraw(as(bobOld, 27), withdrawn.id);
  await rotateKey(ledger, bobStore, PASSPHRASE, at(28));
  const bob = await bobStore.unlock(PASSPHRASE);

  const open = await propose(as(ada, 120), resolution('Meet on Thursdays'));
  await vote(as(fay, 121), { proposal: open.id, ballot: yes });
  const bobOnOpen = await vote(as(bob, 122), { proposal: open.id, ballot: no });

  return {
    dir,
    group: founded.group!,
    head: (await ledger.head())!,
    fay,
    ada,
    bob,
    bobOld,
    mallory: strangerSigner('Mallory'),
    proposals: {
      addAda: addAda.id,
      addBob: addBob.id,
      model: model.id,
      closed: closed.id,
      license: license.id,
      transfer: transfer.id,
      withdrawn: withdrawn.id,
      open: open.id,
    },
    closedClose: closedClose.id,
    files: {
      adaVoteOnClosed: statementPath('vote', adaOnClosed.id, closed.id),
      bobVoteOnOpen: statementPath('vote', bobOnOpen.id, open.id),
      withdrawal: statementPath('withdrawal', withdrawal.id, withdrawn.id),
    },
  };
};
