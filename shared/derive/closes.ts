/**
 * Judging the closes of one proposal and their certifications. A close counts exactly the latest
 * valid vote of each voter found in its basis commit. Among valid closes the winner is: a
 * certified one first, then the one counting more voters, then the lower id.
 */
import type { CheckedStatement } from '../format/check';
import type { CertificationStatement, CloseStatement, ProposalStatement } from '../format/types';
import { atLeast, moreThan } from '../fraction';
import type { Tally } from '../tally';
import { authorOf, earlier, latestPerVoter, tallyOf, time } from './ballots';
import type { BasisLookup, Quarantine, Snapshot } from './evaluate';
import type { CloseView } from './state';

export type ValidClose = {
  entry: CheckedStatement;
  counted: CheckedStatement[];
  basis: ReadonlySet<string>;
  tally: Tally;
};

type Judge = {
  proposal: CheckedStatement;
  snap: Snapshot;
  closes: CheckedStatement[];
  votes: CheckedStatement[];
  withdrawal: CheckedStatement | undefined;
  basisOf: BasisLookup;
  signedInForce: (s: CheckedStatement) => boolean;
  quarantine: Quarantine;
};

export const judgeCloses = (j: Judge): Map<string, ValidClose> => {
  const p = j.proposal.statement as ProposalStatement;
  const valid = new Map<string, ValidClose>();
  const judged = new Set<string>();
  // A close's basis can only hold closes made before it, so judging those first terminates.
  const judge = (c: CheckedStatement, depth: number): void => {
    if (judged.has(c.id) || depth > j.closes.length) return;
    judged.add(c.id);
    const st = c.statement as CloseStatement;
    if (!j.signedInForce(c)) return;
    const basis = j.basisOf(st.basis, j.proposal.id);
    if (!basis) return j.quarantine(c, 'unknown-basis', `commit ${st.basis} is not in the repo`);
    if (j.withdrawal && basis.has(j.withdrawal.id)) {
      return j.quarantine(c, 'close-after-withdrawal', "its basis holds the author's withdrawal");
    }
    for (const other of j.closes) {
      if (other.id === c.id || !basis.has(other.id)) continue;
      judge(other, depth + 1);
      // A close dated after this one (post-dated) does not take the proposal away from it.
      if (valid.has(other.id) && time(other) <= time(c)) {
        return j.quarantine(c, 'already-closed', `its basis already holds close ${other.id}`);
      }
    }
    const counted = latestPerVoter(j.votes.filter((v) => basis.has(v.id)));
    if (time(c) < j.snap.deadline && counted.length < j.snap.voters.size) {
      return j.quarantine(
        c,
        'close-before-deadline',
        `made before the deadline with ${counted.length} of ${j.snap.voters.size} eligible votes`,
      );
    }
    valid.set(c.id, { entry: c, counted, basis, tally: tallyOf(p, counted, j.snap) });
  };
  for (const c of [...j.closes].sort(earlier)) judge(c, 0);
  return valid;
};

/**
 * A close is certified when members of the electorate holding more than half of its weight, and
 * at least the quorum, have co-signed it. More than half: two different closes can then both be
 * certified only if someone signed both, which is shown as an equivocation.
 */
export const judgeCertifications = (
  certifications: CheckedStatement[],
  valid: Map<string, ValidClose>,
  snap: Snapshot,
  signedInForce: (s: CheckedStatement) => boolean,
  quarantine: Quarantine,
): { closes: CloseView[]; equivocations: { member: string; closes: string[] }[] } => {
  const certifiers = new Map<string, Set<string>>();
  for (const cert of certifications) {
    const st = cert.statement as CertificationStatement;
    if (!signedInForce(cert)) continue;
    if (!valid.has(st.close)) {
      quarantine(cert, 'unknown-close', `${st.close} is not a valid close of this proposal`);
      continue;
    }
    certifiers.set(st.author, (certifiers.get(st.author) ?? new Set()).add(st.close));
  }
  const certifiedBy = (closeId: string): string[] =>
    [...certifiers]
      .filter(([, closes]) => closes.has(closeId))
      .map(([member]) => member)
      .sort();
  const isCertified = (closeId: string): boolean => {
    const weight = certifiedBy(closeId).reduce((sum, m) => sum + (snap.voters.get(m) ?? 0), 0);
    return moreThan(weight, 0.5, snap.total) && atLeast(weight, snap.rule.quorum, snap.total);
  };
  const closes: CloseView[] = [...valid.values()].map(({ entry: c, counted, tally }) => ({
    id: c.id,
    author: authorOf(c),
    created: c.statement.created,
    basis: (c.statement as CloseStatement).basis,
    counted: counted.map((v) => v.id).sort(),
    certifiedBy: certifiedBy(c.id),
    certified: isCertified(c.id),
    tally,
  }));
  closes.sort(
    (a, b) =>
      Number(b.certified) - Number(a.certified) ||
      b.counted.length - a.counted.length ||
      (a.id < b.id ? -1 : 1),
  );
  const equivocations = [...certifiers]
    .filter(([, set]) => set.size > 1)
    .map(([member, set]) => ({ member, closes: [...set].sort() }));
  return { closes, equivocations };
};
