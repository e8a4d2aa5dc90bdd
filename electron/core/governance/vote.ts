/** Voting, consenting to a transfer, and withdrawing: each checked against the derived state. */
import { StewardError } from '../../../shared/errors';
import type {
  Choice,
  ConsentStatement,
  ProposalParams,
  VoteStatement,
  WithdrawalStatement,
} from '../../../shared/format/types';
import type { ProposalView } from '../../../shared/derive/state';
import { iso, loadAsMember, type ActionContext } from './context';
import { findProposal } from './resolve';
import { shortId, signStatement } from './sign';

export type Ballot = { choice: Choice } | { options: number[] };

const requireOpen = (p: ProposalView, now: Date): void => {
  if (p.status !== 'open')
    throw new StewardError(
      'proposal-closed',
      `"${p.title}" is ${p.status}: it takes no more votes`,
    );
  if (now.getTime() > Date.parse(p.deadline)) {
    throw new StewardError(
      'deadline-passed',
      `the voting deadline of "${p.title}" passed at ${p.deadline}; it can only be closed now`,
    );
  }
};

const describe = (ballot: Ballot): string =>
  'choice' in ballot ? ballot.choice : `[${ballot.options.map((o) => o + 1).join(', ')}]`;

/** The same ballot and the same reason (or none): a vote that would change nothing. */
const sameVote = (
  current: ProposalView['votes'][number],
  request: { ballot: Ballot; reason?: string },
): boolean =>
  (current.reason ?? '') === (request.reason ?? '') &&
  ('choice' in request.ballot
    ? current.choice === request.ballot.choice
    : JSON.stringify(current.options) === JSON.stringify(request.ballot.options));

export const vote = async (
  ctx: ActionContext,
  request: { proposal: string; ballot: Ballot; reason?: string },
): Promise<{ id: string; proposal: string; commit: string }> => {
  const { state, group } = await loadAsMember(ctx);
  const p = findProposal(state, request.proposal);
  requireOpen(p, ctx.now);
  if (!p.electorate.some((e) => e.member === ctx.signer.id)) {
    throw new StewardError(
      'not-eligible',
      `you are not in the electorate of "${p.title}" (${p.rule.electorate})`,
    );
  }
  const isPoll = p.kind === 'poll';
  if (isPoll !== 'options' in request.ballot) {
    throw new StewardError(
      'invalid-argument',
      isPoll ? 'this is a poll: vote with --choice' : 'vote yes, no or abstain',
    );
  }
  if ('options' in request.ballot && p.kind === 'poll') {
    const poll = p.params as ProposalParams['poll'];
    const n = poll.options.length;
    if (request.ballot.options.some((o) => !Number.isInteger(o) || o < 0 || o >= n))
      throw new StewardError('invalid-argument', `options are 1 to ${n}`);
    if (new Set(request.ballot.options).size !== request.ballot.options.length)
      throw new StewardError('invalid-argument', 'an option is chosen twice');
    if (poll.method === 'approval') request.ballot.options.sort((a, b) => a - b);
  }
  // The vote this one replaces: for an open proposal, `votes` holds each voter's latest.
  const current = p.votes.find((v) => v.voter === ctx.signer.id);
  const mine = current?.id;
  if (current && sameVote(current, request)) {
    throw new StewardError(
      'already-voted-same',
      `you already voted ${describe(request.ballot)} on "${p.title}"${request.reason ? ' with that reason' : ''}: nothing was written`,
    );
  }
  const statement = {
    format: 'steward/1',
    type: 'vote',
    group,
    author: ctx.signer.id,
    created: iso(ctx.now),
    proposal: p.id,
    ...(mine ? { replaces: mine } : {}),
    ...request.ballot,
    ...(request.reason ? { reason: request.reason } : {}),
  } as VoteStatement;
  const { envelope, id } = signStatement(statement, [ctx.signer]);
  const what = describe(request.ballot);
  const { commit } = await ctx.ledger.append(
    envelope,
    id,
    `vote ${what} on "${p.title}" (${shortId(p.id)})`,
    ctx.signer,
  );
  return { id, proposal: p.id, commit };
};

export const consent = async (
  ctx: ActionContext,
  proposal: string,
): Promise<{ id: string; commit: string }> => {
  const { state, group } = await loadAsMember(ctx);
  const p = findProposal(state, proposal);
  if (p.kind !== 'transfer-shares')
    throw new StewardError('invalid-argument', 'only share transfers take consent');
  if ((p.params as ProposalParams['transfer-shares']).from !== ctx.signer.id)
    throw new StewardError('not-author', 'only the member giving the shares can consent');
  requireOpen(p, ctx.now);
  const statement: ConsentStatement = {
    format: 'steward/1',
    type: 'consent',
    group,
    author: ctx.signer.id,
    created: iso(ctx.now),
    proposal: p.id,
  };
  const { envelope, id } = signStatement(statement, [ctx.signer]);
  const { commit } = await ctx.ledger.append(
    envelope,
    id,
    `consent to "${p.title}" (${shortId(p.id)})`,
    ctx.signer,
  );
  return { id, commit };
};

export const withdraw = async (
  ctx: ActionContext,
  proposal: string,
): Promise<{ id: string; status: 'withdrawn'; commit: string }> => {
  const { state, group } = await loadAsMember(ctx);
  const p = findProposal(state, proposal);
  if (p.author !== ctx.signer.id)
    throw new StewardError('not-author', 'only the author can withdraw a proposal');
  if (p.status !== 'open')
    throw new StewardError('proposal-closed', `"${p.title}" is already ${p.status}`);
  const statement: WithdrawalStatement = {
    format: 'steward/1',
    type: 'withdrawal',
    group,
    author: ctx.signer.id,
    created: iso(ctx.now),
    proposal: p.id,
  };
  const { envelope, id } = signStatement(statement, [ctx.signer]);
  const { commit } = await ctx.ledger.append(
    envelope,
    id,
    `withdraw "${p.title}" (${shortId(p.id)})`,
    ctx.signer,
  );
  return { id, status: 'withdrawn', commit };
};
