/**
 * The demo group "Riverside Community AI Lab", made when it is opened: four members (Ana, Ben,
 * Chloé, Dev) register a tiny sentiment model, move shares in it, approve one use, turn down a
 * resolution, run a ranked poll, and leave two proposals open. Every step is dated back from
 * `now`, so the open proposals are open whenever the demo is made. Each member's key is made
 * fresh for this copy and dropped when it is done: nobody can add to it as these members. The
 * model's files are imported into the local store as they are registered, so it runs at once.
 */
import { memberIdOf } from '../../../shared/format/check';
import type { ProposalKind } from '../../../shared/format/kinds';
import type { ProposalParams } from '../../../shared/format/types';
import { generateKeyPair, nodeCrypto, signWithSeed } from '../crypto';
import { certify, close } from '../governance/close';
import { found, signCharter } from '../governance/found';
import { propose } from '../governance/propose';
import { consent, vote, type Ballot } from '../governance/vote';
import type { Signer } from '../identity/keystore';
import { Ledger } from '../ledger/ledger';
import type { ModelStore } from '../models/store';

export const DEMO_NAME = 'Riverside Community AI Lab';
const NAMES = ['Ana', 'Ben', 'Chloé', 'Dev'] as const;
type Name = (typeof NAMES)[number];

const HOUR = 3600_000;
/** The story takes 16 days; its last step lies this long before `now`. */
const STORY_DAYS = 16;

/** The demo's story, as the proposals it leaves and their statuses, oldest first. */
export const demoStory = [
  ['register-model', 'Register Tiny Sentiment for the feedback box', 'passed'],
  ['transfer-shares', 'Ben passes 10 shares of Tiny Sentiment to Dev', 'passed'],
  ['approve-use', 'Use Tiny Sentiment to sort feedback-box comments', 'passed'],
  ['resolution', 'Open the lab on Sunday mornings', 'rejected'],
  ['poll', 'Which model should we evaluate next?', 'passed'],
  ['resolution', 'Publish our evaluation results on the library website', 'open'],
  ['poll', 'Pick a day for the March workshop', 'open'],
] as const;

const signerFor = (name: string): Signer => {
  const pair = generateKeyPair();
  return {
    id: memberIdOf(nodeCrypto, pair.publicKey),
    name,
    publicKey: pair.publicKey,
    sign: (message) => signWithSeed(pair.seed, pair.publicKey, message),
  };
};

export type DemoOptions = {
  /** A new folder for the repo. */
  dir: string;
  /** The tiny model's folder (resources/demo/tiny-sentiment). */
  modelDir: string;
  /** The local model store the model is imported into. */
  store: ModelStore;
  now: Date;
};

export const makeDemoGroup = async (o: DemoOptions): Promise<Ledger> => {
  // Day 0, 9:00 is the story's start; its last step (day 16, 10:00) lies four hours before now.
  const start = o.now.getTime() - (STORY_DAYS * 24 + 3 + 2) * HOUR;
  const at = (day: number, hour = 9): Date => new Date(start + (day * 24 + hour - 9) * HOUR);
  const people = Object.fromEntries(NAMES.map((n) => [n, signerFor(n)])) as Record<Name, Signer>;
  const id = (n: Name): string => people[n].id;

  await found({
    path: o.dir,
    name: DEMO_NAME,
    founders: NAMES.filter((n) => n !== 'Ana').map((n) => ({ key: people[n].publicKey, name: n })),
    rules: { votingPeriod: 72 * 3600 },
    signer: people.Ana,
    now: at(0),
  });
  for (const n of ['Ben', 'Chloé', 'Dev'] as const) await signCharter(o.dir, people[n]);
  const ledger = await Ledger.open(o.dir);
  const as = (n: Name, when: Date) => ({ ledger, signer: people[n], now: when });

  const open = async <K extends ProposalKind>(
    n: Name,
    when: Date,
    index: number,
    params: ProposalParams[K],
  ): Promise<string> => {
    const [kind, title] = demoStory[index]!;
    return (await propose(as(n, when), { kind, title, params })).id;
  };
  const cast = async (n: Name, when: Date, proposal: string, ballot: Ballot, reason?: string) => {
    await vote(as(n, when), { proposal, ballot, ...(reason !== undefined && { reason }) });
  };
  const yes: Ballot = { choice: 'yes' };
  const no: Ballot = { choice: 'no' };
  /** Closes, then certifies in turn until the close is final. */
  const decide = async (closer: Name, when: Date, proposal: string): Promise<void> => {
    await close(as(closer, when), proposal);
    for (const n of NAMES) if ((await certify(as(n, when), proposal)).final) return;
    throw new Error(`the demo's proposal ${proposal} did not become final`);
  };

  const manifest = await o.store.import(o.modelDir, {
    model: 'tiny-sentiment',
    version: '1.0',
    now: at(1),
  });
  const reg = await open('Ana', at(1), 0, {
    model: 'tiny-sentiment',
    name: 'Tiny Sentiment',
    license: 'Apache-2.0',
    version: '1.0',
    files: manifest.files.map(({ path, sha256 }) => ({ path, sha256 })),
    owners: [
      { member: id('Ana'), shares: 40 },
      { member: id('Ben'), shares: 30 },
      { member: id('Chloé'), shares: 30 },
    ],
  });
  await cast('Ana', at(1, 10), reg, yes);
  await cast('Ben', at(1, 11), reg, yes, 'small enough to run on the library laptop');
  await cast('Chloé', at(1, 12), reg, yes);
  await cast('Dev', at(1, 13), reg, { choice: 'abstain' }, 'I have not read the licence yet');
  await decide('Ana', at(1, 14), reg);

  const give = await open('Ben', at(2), 1, {
    model: 'tiny-sentiment',
    from: id('Ben'),
    to: id('Dev'),
    shares: 10,
  });
  await consent(as('Ben', at(2, 9)), give);
  await cast('Ben', at(2, 10), give, yes);
  await cast('Ana', at(2, 15), give, yes);
  await cast('Chloé', at(3, 9), give, no, 'Dev has not asked for them');
  await cast('Chloé', at(3, 18), give, yes, 'Dev asked after all');
  await decide('Ben', at(5, 10), give);

  const use = await open('Chloé', at(6), 2, {
    model: 'tiny-sentiment',
    version: '1.0',
    purpose: 'sort feedback-box comments by sentiment for the monthly report',
  });
  await cast('Ana', at(6, 11), use, yes);
  await cast('Ben', at(6, 12), use, yes);
  await cast('Chloé', at(6, 13), use, yes);
  const told = 'people should be told their comments are sorted by a model';
  await cast('Dev', at(7, 9), use, no, told);
  await decide('Chloé', at(7, 10), use);

  const sunday = await open('Dev', at(8), 3, {});
  await cast('Dev', at(8, 10), sunday, yes);
  await cast('Ana', at(8, 12), sunday, no, 'no volunteer for Sunday keys');
  await cast('Ben', at(9, 9), sunday, yes);
  await cast('Chloé', at(9, 17), sunday, no, 'the library is closed on Sundays');
  await decide('Dev', at(11, 10), sunday);

  const poll = await open('Ana', at(12), 4, {
    method: 'ranked',
    options: ['a Dutch sentiment model', 'a small summariser', 'a speech-to-text model'],
  });
  await cast('Ana', at(12, 10), poll, { options: [1, 0] });
  await cast('Ben', at(12, 11), poll, { options: [0, 1, 2] });
  await cast('Chloé', at(13, 9), poll, { options: [1, 2] });
  await cast('Dev', at(13, 20), poll, { options: [2, 1] });
  await decide('Ana', at(14, 9), poll);

  const publish = await open('Chloé', at(15), 5, {});
  await cast('Chloé', at(15, 10), publish, yes);
  await cast('Ana', at(15, 14), publish, yes, 'with the dataset described');
  const workshop = await open('Ben', at(16), 6, {
    method: 'approval',
    options: ['Tuesday 10 March', 'Wednesday 11 March', 'Saturday 14 March'],
  });
  await cast('Ben', at(16, 10), workshop, { options: [0, 2] });
  return ledger;
};
