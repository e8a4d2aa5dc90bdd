/**
 * Closing and certifying. A close names the commit it was made on (its basis); every peer counts
 * exactly the votes in that commit's tree. A certification co-signs one close: the outcome is final
 * once members forming the quorum have certified the same close.
 */
import { StewardError } from '../../../shared/errors';
import type { CertificationStatement, CloseStatement } from '../../../shared/format/types';
import type { ProposalView } from '../../../shared/derive/state';
import type { Tally } from '../../../shared/tally';
import { iso, loadAsMember, type ActionContext } from './context';
import { findProposal } from './resolve';
import { shortId, signStatement } from './sign';

const requireMemberAtOpen = (p: ProposalView, member: string): void => {
  if (!p.membersAtOpen.includes(member)) {
    throw new StewardError(
      'not-eligible',
      `you joined after "${p.title}" opened: the members of that time close and certify it`,
    );
  }
};

export type CloseResult = {
  id: string;
  proposal: string;
  status: ProposalView['status'];
  tally: Tally;
  final: boolean;
  commit: string;
};

export const close = async (ctx: ActionContext, proposal: string): Promise<CloseResult> => {
  const { state, group, head } = await loadAsMember(ctx);
  const p = findProposal(state, proposal);
  requireMemberAtOpen(p, ctx.signer.id);
  if (p.status === 'withdrawn')
    throw new StewardError('proposal-closed', `"${p.title}" was withdrawn`);
  if (p.winningClose)
    throw new StewardError(
      'proposal-closed',
      `"${p.title}" is already closed (${p.status}); certify its close instead`,
    );
  const early = ctx.now.getTime() < Date.parse(p.deadline);
  if (early && p.votes.length < p.electorate.length) {
    throw new StewardError(
      'deadline-not-passed',
      `"${p.title}" is open until ${p.deadline}, and ${p.electorate.length - p.votes.length} of ${p.electorate.length} eligible voters have not voted: it cannot be closed early`,
    );
  }
  const statement: CloseStatement = {
    format: 'steward/1',
    type: 'close',
    group,
    author: ctx.signer.id,
    created: iso(ctx.now),
    proposal: p.id,
    basis: head!,
  };
  const { envelope, id } = signStatement(statement, [ctx.signer]);
  const { commit } = await ctx.ledger.append(
    envelope,
    id,
    `close "${p.title}" (${shortId(p.id)})`,
    ctx.signer,
  );
  const after = findProposal((await ctx.ledger.load(ctx.now)).state, p.id);
  return {
    id,
    proposal: p.id,
    status: after.status,
    tally: after.tally,
    final: after.final,
    commit,
  };
};

export type CertifyResult = {
  id: string;
  proposal: string;
  close: string;
  status: ProposalView['status'];
  final: boolean;
  signers: string[];
  commit: string;
};

export const certify = async (ctx: ActionContext, proposal: string): Promise<CertifyResult> => {
  const { state, group } = await loadAsMember(ctx);
  const p = findProposal(state, proposal);
  requireMemberAtOpen(p, ctx.signer.id);
  const winner = p.closes.find((c) => c.id === p.winningClose);
  if (!winner) throw new StewardError('proposal-open', `"${p.title}" has no close to certify yet`);
  const mine = p.closes.filter((c) => c.certifiedBy.includes(ctx.signer.id));
  if (mine.some((c) => c.id !== winner.id)) {
    throw new StewardError(
      'conflict',
      'you already certified another close of this proposal; certifying a second would be equivocation',
    );
  }
  if (mine.length > 0) throw new StewardError('conflict', 'you already certified this close');
  const statement: CertificationStatement = {
    format: 'steward/1',
    type: 'certification',
    group,
    author: ctx.signer.id,
    created: iso(ctx.now),
    proposal: p.id,
    close: winner.id,
  };
  const { envelope, id } = signStatement(statement, [ctx.signer]);
  const { commit } = await ctx.ledger.append(
    envelope,
    id,
    `certify the close of "${p.title}" (${shortId(p.id)}): ${p.status}`,
    ctx.signer,
  );
  const after = findProposal((await ctx.ledger.load(ctx.now)).state, p.id);
  const close = after.closes.find((c) => c.id === winner.id)!;
  return {
    id,
    proposal: p.id,
    close: winner.id,
    status: after.status,
    final: after.final,
    signers: close.certifiedBy,
    commit,
  };
};
