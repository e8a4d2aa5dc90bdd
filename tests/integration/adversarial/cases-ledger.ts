/**
 * Attacks only the whole ledger can catch: each file is well-formed and validly signed, but its
 * group, time, key, author or target makes it void. Every one would change an outcome if counted,
 * or (evidence) be shown with a proposal as if a member had signed it.
 */
import { sign, filed, resolutionBy, stmt, together, voteBy, randomHex, type Case } from './forge';
import { NOW, at, strangerSigner, type Group } from './group';
import type { Signer } from '../../../electron/core/identity/keystore';
import { evidenceBody } from '../../helpers/memory-group';

const yes = { choice: 'yes' };
const minutesAt = (d: Date): number => (d.getTime() - at(0).getTime()) / 60_000;

const adaOnOpen = (g: Group, fields: Record<string, unknown> = {}) => ({
  ...voteBy(g, g.ada, 130, g.proposals.open),
  ...fields,
});

const closeBy = (g: Group, minutes: number, proposal: string, basis: string) =>
  sign(stmt(g, 'close', g.fay, minutes, { proposal, basis }), [g.fay]);

const evidenceBy = (g: Group, author: Signer, minutes: number, proposal: string) =>
  sign(stmt(g, 'evidence', author, minutes, { proposal, ...evidenceBody() }), [author]);

const alreadyClosed = (g: Group) => closeBy(g, 30, g.proposals.closed, g.head);

const invalidProposal = (g: Group) =>
  sign(
    stmt(g, 'proposal', g.ada, 130, {
      kind: 'add-member',
      title: 'Add Fay again',
      body: '',
      params: { key: g.fay.publicKey, name: 'Fay' },
    }),
    [g.ada],
  );

export const ledgerCases: Case[] = [
  {
    reason: 'wrong-group',
    when: 'a member validly signs a vote for another group',
    attack: (g) => filed(sign(adaOnOpen(g, { group: randomHex(32) }), [g.ada]), 'wrong-group'),
  },
  {
    reason: 'before-genesis',
    when: 'a member dates a vote a day before the charter',
    attack: (g) =>
      filed(sign(adaOnOpen(g, { created: at(-24 * 60).toISOString() }), [g.ada]), 'before-genesis'),
  },
  {
    reason: 'future-dated',
    when: "a member dates a vote an hour past the verifier's clock",
    attack: (g) =>
      filed(sign(voteBy(g, g.ada, minutesAt(NOW) + 60, g.proposals.open), [g.ada]), 'future-dated'),
  },
  {
    reason: 'future-dated',
    when: "a member dates a proposal an hour past the verifier's clock",
    attack: (g) =>
      filed(sign(resolutionBy(g, g.ada, minutesAt(NOW) + 60, 'Later'), [g.ada]), 'future-dated'),
  },
  {
    reason: 'wrong-key',
    when: "a member's vote is signed by a stranger's key",
    attack: (g) => filed(sign(adaOnOpen(g), [g.mallory]), 'wrong-key'),
  },
  {
    reason: 'wrong-key',
    when: 'a vote is signed with a key its owner rotated away',
    attack: (g) =>
      filed(sign(voteBy(g, g.bob, 130, g.proposals.open, yes), [g.bobOld]), 'wrong-key'),
  },
  {
    reason: 'wrong-key',
    when: "a stranger signs a rotation of a member's key to their own",
    attack: (g) =>
      filed(
        sign(stmt(g, 'key-rotation', g.ada, 130, { key: g.mallory.publicKey, basis: g.head }), [
          g.mallory,
        ]),
        'wrong-key',
      ),
  },
  {
    reason: 'rotation-conflict',
    when: 'a second rotation is signed by a key already rotated away',
    attack: (g) =>
      filed(
        sign(
          stmt(g, 'key-rotation', g.bob, 40, { key: strangerSigner('x').publicKey, basis: g.head }),
          [g.bobOld],
        ),
        'rotation-conflict',
      ),
  },
  {
    reason: 'non-member',
    when: 'a stranger validly signs a vote',
    attack: (g) =>
      filed(sign(voteBy(g, g.mallory, 130, g.proposals.open, yes), [g.mallory]), 'non-member'),
  },
  {
    reason: 'non-member',
    when: 'a stranger validly signs a proposal',
    attack: (g) =>
      filed(sign(resolutionBy(g, g.mallory, 130, 'Hand over'), [g.mallory]), 'non-member'),
  },
  {
    reason: 'non-member',
    when: 'a stranger validly signs a key rotation',
    attack: (g) =>
      filed(
        sign(stmt(g, 'key-rotation', g.mallory, 130, { key: g.ada.publicKey, basis: g.head }), [
          g.mallory,
        ]),
        'non-member',
      ),
  },
  {
    reason: 'non-member',
    when: 'a member votes on a proposal opened before they joined',
    attack: (g) =>
      filed(sign(voteBy(g, g.bob, 30, g.proposals.addAda, yes), [g.bob]), 'non-member'),
  },
  {
    reason: 'non-member',
    when: 'a stranger validly signs evidence on a proposal',
    attack: (g) => filed(evidenceBy(g, g.mallory, 130, g.proposals.open), 'non-member'),
  },
  {
    reason: 'non-member',
    when: 'a member gives evidence on a proposal opened before they joined',
    attack: (g) => filed(evidenceBy(g, g.bob, 30, g.proposals.addAda), 'non-member'),
  },
  {
    reason: 'invalid-params',
    when: 'a member proposes to add someone who is already a member',
    attack: (g) => filed(invalidProposal(g), 'invalid-params'),
  },
  {
    reason: 'invalid-params',
    when: 'a member proposes to register a slug that is registered',
    attack: (g) => {
      const owners = [{ member: g.ada.id, shares: 1 }];
      const params = { model: 'llama', name: 'Mine', license: 'MIT', owners };
      const p = stmt(g, 'proposal', g.ada, 130, {
        kind: 'register-model',
        title: 'Mine',
        body: '',
        params,
      });
      return filed(sign(p, [g.ada]), 'invalid-params');
    },
  },
  {
    reason: 'unknown-proposal',
    when: 'a vote names a proposal that is not in the repo',
    attack: (g) => filed(sign(voteBy(g, g.ada, 130, randomHex(32)), [g.ada]), 'unknown-proposal'),
  },
  {
    reason: 'unknown-proposal',
    when: 'a vote names a proposal that is itself quarantined',
    attack: (g) => {
      const p = invalidProposal(g);
      const v = sign(voteBy(g, g.fay, 131, p.id), [g.fay]);
      return together(filed(p, 'invalid-params'), filed(v, 'unknown-proposal'));
    },
  },
  {
    reason: 'ineligible-voter',
    when: 'a member who owns no share votes on set-license',
    attack: (g) =>
      filed(sign(voteBy(g, g.bob, 30, g.proposals.license, yes), [g.bob]), 'ineligible-voter'),
  },
  {
    reason: 'invalid-vote',
    when: 'a member votes poll options on a yes/no proposal',
    attack: (g) =>
      filed(
        sign(voteBy(g, g.ada, 130, g.proposals.open, { options: [0] }), [g.ada]),
        'invalid-vote',
      ),
  },
  {
    reason: 'vote-after-deadline',
    when: 'an owner votes after the voting period',
    attack: (g) =>
      filed(sign(voteBy(g, g.fay, 145, g.proposals.license, yes), [g.fay]), 'vote-after-deadline'),
  },
  {
    reason: 'vote-after-close',
    when: 'a member changes their vote after the proposal was closed',
    attack: (g) =>
      filed(sign(voteBy(g, g.bob, 30, g.proposals.closed, yes), [g.bob]), 'vote-after-close'),
  },
  {
    reason: 'vote-after-withdrawal',
    when: 'a member votes after the author withdrew',
    attack: (g) =>
      filed(
        sign(voteBy(g, g.ada, 29, g.proposals.withdrawn, yes), [g.ada]),
        'vote-after-withdrawal',
      ),
  },
  {
    reason: 'before-proposal',
    when: 'a member dates a vote before the proposal it is on',
    attack: (g) =>
      filed(sign(voteBy(g, g.ada, 100, g.proposals.open, yes), [g.ada]), 'before-proposal'),
  },
  {
    reason: 'before-proposal',
    when: 'a member dates evidence before the proposal it is on',
    attack: (g) => filed(evidenceBy(g, g.ada, 100, g.proposals.open), 'before-proposal'),
  },
  {
    reason: 'withdrawal-after-close',
    when: 'the author backdates a withdrawal of a proposal already closed',
    attack: (g) =>
      filed(
        sign(stmt(g, 'withdrawal', g.ada, 16, { proposal: g.proposals.closed }), [g.ada]),
        'withdrawal-after-close',
      ),
  },
  {
    reason: 'not-author',
    when: "a member withdraws someone else's proposal",
    attack: (g) =>
      filed(
        sign(stmt(g, 'withdrawal', g.fay, 130, { proposal: g.proposals.open }), [g.fay]),
        'not-author',
      ),
  },
  {
    reason: 'consent-not-giver',
    when: 'the receiver consents to a share transfer',
    attack: (g) =>
      filed(
        sign(stmt(g, 'consent', g.bob, 30, { proposal: g.proposals.transfer }), [g.bob]),
        'consent-not-giver',
      ),
  },
  {
    reason: 'consent-not-giver',
    when: 'a member consents to a proposal that is no transfer',
    attack: (g) =>
      filed(
        sign(stmt(g, 'consent', g.ada, 130, { proposal: g.proposals.open }), [g.ada]),
        'consent-not-giver',
      ),
  },
  {
    reason: 'unknown-basis',
    when: 'a close names a commit that is not in the repo',
    attack: (g) => filed(closeBy(g, 145, g.proposals.open, randomHex(20)), 'unknown-basis'),
  },
  {
    reason: 'already-closed',
    when: 'a second close is made on a basis that holds the first',
    attack: (g) => filed(alreadyClosed(g), 'already-closed'),
  },
  {
    reason: 'close-before-deadline',
    when: 'a proposal is closed early while a voter has not voted',
    attack: (g) => filed(closeBy(g, 130, g.proposals.open, g.head), 'close-before-deadline'),
  },
  {
    reason: 'close-after-withdrawal',
    when: 'a withdrawn proposal is closed',
    attack: (g) => filed(closeBy(g, 30, g.proposals.withdrawn, g.head), 'close-after-withdrawal'),
  },
  {
    reason: 'unknown-close',
    when: 'a certification names a close that does not exist',
    attack: (g) =>
      filed(
        sign(
          stmt(g, 'certification', g.fay, 30, {
            proposal: g.proposals.closed,
            close: randomHex(32),
          }),
          [g.fay],
        ),
        'unknown-close',
      ),
  },
  {
    reason: 'unknown-close',
    when: 'a certification names a close that is itself quarantined',
    attack: (g) => {
      const c = alreadyClosed(g);
      const cert = stmt(g, 'certification', g.ada, 31, {
        proposal: g.proposals.closed,
        close: c.id,
      });
      return together(filed(c, 'already-closed'), filed(sign(cert, [g.ada]), 'unknown-close'));
    },
  },
];
