/**
 * Judges one proposal from its own statements and the snapshot taken when it opened: which votes
 * are valid, which closes are valid, which close wins, whether it is certified, and the outcome.
 */
import type { CheckedStatement, Quarantined } from '../format/check';
import type { ProposalStatement, Rule, VoteStatement } from '../format/types';
import { authorOf, earlier, latestPerVoter, tallyOf, time } from './ballots';
import { judgeCertifications, judgeCloses } from './closes';
import { judgeEvidence } from './evidence';
import type { KeyBook } from './keys';
import type { NotCounted, ProposalView, Status, VoteView } from './state';

export type Snapshot = {
  rule: Rule;
  deadline: number;
  /** Eligible voters and their weights (never 0). */
  voters: Map<string, number>;
  total: number;
  /** Everyone who was a member when the proposal opened. */
  members: Set<string>;
};

export type Children = {
  votes: CheckedStatement[];
  consents: CheckedStatement[];
  withdrawals: CheckedStatement[];
  closes: CheckedStatement[];
  certifications: CheckedStatement[];
  evidence: CheckedStatement[];
};

import type { BasisLookup } from './basis';

export type { BasisLookup };

export type Quarantine = (
  s: CheckedStatement,
  reason: Quarantined['reason'],
  detail: string,
) => void;

export const emptyChildren = (): Children => ({
  votes: [],
  consents: [],
  withdrawals: [],
  closes: [],
  certifications: [],
  evidence: [],
});

export const evaluateProposal = (
  entry: CheckedStatement,
  snap: Snapshot,
  children: Children,
  keys: KeyBook,
  basisOf: BasisLookup,
  now: number,
  quarantine: Quarantine,
): ProposalView => {
  const p = entry.statement as ProposalStatement;
  const opened = Date.parse(p.created);
  const signedInForce = (s: CheckedStatement, why = 'non-member'): boolean => {
    const author = authorOf(s);
    if (!snap.members.has(author)) {
      quarantine(
        s,
        'non-member',
        `${why === 'non-member' ? 'the author' : why} was not a member when the proposal opened`,
      );
      return false;
    }
    if (!keys.valid(author, s)) {
      quarantine(s, 'wrong-key', "not signed by the author's key in force at that time");
      return false;
    }
    return true;
  };

  const notBefore = (list: CheckedStatement[]): CheckedStatement[] =>
    list.filter(
      (s) =>
        time(s) >= opened ||
        (quarantine(s, 'before-proposal', `dated ${s.statement.created}, before the proposal`),
        false),
    );
  const kids: Children = {
    votes: notBefore(children.votes),
    consents: notBefore(children.consents),
    withdrawals: notBefore(children.withdrawals),
    closes: notBefore(children.closes),
    certifications: notBefore(children.certifications),
    evidence: notBefore(children.evidence),
  };
  let withdrawal = kids.withdrawals
    .filter((w) => {
      if (authorOf(w) !== p.author) {
        quarantine(w, 'not-author', "only the proposal's author may withdraw it");
        return false;
      }
      return signedInForce(w);
    })
    .sort(earlier)[0];

  const from = p.kind === 'transfer-shares' ? p.params.from : undefined;
  const consents = kids.consents.filter((c) => {
    if (from === undefined || authorOf(c) !== from) {
      quarantine(
        c,
        'consent-not-giver',
        from ? 'only the member giving the shares may consent' : 'only transfers take consent',
      );
      return false;
    }
    return signedInForce(c);
  });

  let validVotes = kids.votes.filter((v) => {
    const st = v.statement as VoteStatement;
    if (!snap.members.has(st.author))
      return (
        quarantine(v, 'non-member', 'the voter was not a member when the proposal opened'),
        false
      );
    if (!snap.voters.has(st.author))
      return (quarantine(v, 'ineligible-voter', "not in this proposal's electorate"), false);
    if (!keys.valid(st.author, v))
      return (quarantine(v, 'wrong-key', "not signed by the voter's key in force"), false);
    const isPoll = p.kind === 'poll';
    if (
      isPoll !== 'options' in st ||
      ('options' in st && p.kind === 'poll' && st.options.some((o) => o >= p.params.options.length))
    ) {
      return (
        quarantine(
          v,
          'invalid-vote',
          isPoll ? 'a poll takes options that exist' : 'this proposal takes yes, no or abstain',
        ),
        false
      );
    }
    if (time(v) > snap.deadline)
      return (
        quarantine(v, 'vote-after-deadline', `dated ${st.created}, after the deadline`),
        false
      );
    return true;
  });

  const validCloses = judgeCloses({
    proposal: entry,
    snap,
    closes: kids.closes,
    votes: validVotes,
    withdrawal,
    basisOf,
    signedInForce,
    quarantine,
  });
  if (withdrawal && validCloses.size > 0) {
    quarantine(
      withdrawal,
      'withdrawal-after-close',
      'a valid close did not see this withdrawal; the close stands',
    );
    withdrawal = undefined;
  }
  if (withdrawal) {
    const at = time(withdrawal);
    validVotes = validVotes.filter(
      (v) =>
        time(v) <= at ||
        (quarantine(v, 'vote-after-withdrawal', 'dated after the author withdrew the proposal'),
        false),
    );
  }
  const { closes, equivocations } = judgeCertifications(
    kids.certifications,
    validCloses,
    snap,
    signedInForce,
    quarantine,
  );
  const evidence = judgeEvidence(kids.evidence, signedInForce);
  const winner = closes[0];
  const win = winner ? validCloses.get(winner.id) : undefined;

  const notCounted: NotCounted[] = [];
  // Oldest first, then by id: the list must not depend on the order the files were read in.
  const byTime = [...validVotes].sort((a, b) => time(a) - time(b) || (a.id < b.id ? -1 : 1));
  let counted: CheckedStatement[];
  if (win) {
    counted = win.counted;
    const countedIds = new Set(counted.map((v) => v.id));
    for (const v of byTime) {
      if (countedIds.has(v.id)) continue;
      if (win.basis.has(v.id))
        notCounted.push({
          id: v.id,
          voter: authorOf(v),
          created: v.statement.created,
          reason: 'superseded',
        });
      else if (time(v) > time(win.entry))
        quarantine(v, 'vote-after-close', 'dated after the winning close and not in its basis');
      else
        notCounted.push({
          id: v.id,
          voter: authorOf(v),
          created: v.statement.created,
          reason: 'arrived-after-close',
        });
    }
  } else {
    counted = latestPerVoter(validVotes);
    const countedIds = new Set(counted.map((v) => v.id));
    for (const v of byTime)
      if (!countedIds.has(v.id))
        notCounted.push({
          id: v.id,
          voter: authorOf(v),
          created: v.statement.created,
          reason: 'superseded',
        });
  }
  const tally = win ? win.tally : tallyOf(p, counted, snap);

  let status: Status = 'open';
  let reason: string | undefined;
  if (win) {
    if (!tally.quorumMet) status = 'expired';
    else status = tally.passed ? 'passed' : 'rejected';
    if (
      status === 'passed' &&
      from !== undefined &&
      p.author !== from &&
      !consents.some((c) => win.basis.has(c.id))
    ) {
      status = 'rejected';
      reason = 'the member giving the shares did not consent before the close';
    }
  } else if (withdrawal) status = 'withdrawn';

  const votes: VoteView[] = counted
    .map((v) => {
      const st = v.statement as VoteStatement;
      return {
        id: v.id,
        voter: st.author,
        created: st.created,
        ...('choice' in st ? { choice: st.choice } : { options: st.options }),
        ...(st.reason !== undefined ? { reason: st.reason } : {}),
        weight: snap.voters.get(st.author) ?? 0,
      };
    })
    .sort((a, b) =>
      a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1,
    );

  return {
    id: entry.id,
    kind: p.kind,
    title: p.title,
    body: p.body,
    author: p.author,
    created: p.created,
    deadline: new Date(snap.deadline).toISOString(),
    params: p.params,
    rule: snap.rule,
    electorate: [...snap.voters]
      .map(([member, weight]) => ({ member, weight }))
      .sort((a, b) => (a.member < b.member ? -1 : 1)),
    membersAtOpen: [...snap.members].sort(),
    status,
    ...(reason ? { reason } : {}),
    final: winner?.certified ?? false,
    closable: status === 'open' && now >= snap.deadline && opened <= now,
    tally,
    votes,
    notCounted,
    closes,
    ...(winner ? { winningClose: winner.id } : {}),
    ...(withdrawal && !win ? { withdrawnBy: withdrawal.id } : {}),
    consents: consents.map((c) => c.id).sort(),
    evidence,
    equivocations,
  };
};
