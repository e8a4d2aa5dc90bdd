import type { DerivedState, Rewrite } from '../../shared/derive/state';
import { shortId } from '../common/format';

/** A statement type as a person says it. */
const what: Record<string, string> = {
  charter: 'The charter',
  proposal: 'A proposal',
  vote: 'A vote',
  consent: 'A consent',
  withdrawal: 'A withdrawal',
  close: 'A close',
  certification: 'A certification',
  evidence: 'A piece of evidence',
  'key-rotation': 'A key rotation',
};

const proposalOf = (path: string): string | undefined =>
  /^proposals\/[0-9a-f]{2}\/([0-9a-f]{64})\//.exec(path)?.[1];

const Line = ({ rewrite, state }: { rewrite: Rewrite; state: DerivedState }) => {
  const proposal = proposalOf(rewrite.path);
  const title = proposal && state.proposals.find((p) => p.id === proposal)?.title;
  return (
    <li>
      {what[rewrite.type] ?? 'A statement'}
      {proposal && (
        <>
          {' on '}
          <a href={`#/proposals/${proposal}`}>{title ?? shortId(proposal)}</a>
        </>
      )}{' '}
      was {rewrite.change} by commit{' '}
      <code title={`commit ${rewrite.commit}, file ${rewrite.path}`}>
        {shortId(rewrite.commit)}
      </code>
    </li>
  );
};

/**
 * Statements a later commit changed or removed (a hand edit, a bad merge). Nothing was lost: each
 * still counts as first committed, and this says which commit did it, for the group to look at.
 */
export const RewritesNotice = ({ state }: { state: DerivedState }) => {
  const rewrites = state.rewrites ?? [];
  if (rewrites.length === 0) return null;
  const n = rewrites.length;
  return (
    <div className="card rewrites-notice" role="alert" data-testid="rewrites-notice">
      <h2>
        {n === 1 ? 'A statement was' : `${n} statements were`} changed or removed after the fact
      </h2>
      <p>
        Statements are never rewritten, so {n === 1 ? 'it still counts' : 'they still count'} as
        first committed and every outcome stands. Someone edited the repo by hand or merged it
        badly: ask who made {n === 1 ? 'this commit' : 'these commits'}. <code>steward verify</code>{' '}
        lists them too.
      </p>
      <ul>
        {rewrites.slice(0, 20).map((r) => (
          <Line key={`${r.commit}:${r.path}`} rewrite={r} state={state} />
        ))}
      </ul>
      {n > 20 && <p className="muted">and {n - 20} more</p>}
    </div>
  );
};
