/** Opening a proposal: checked against the current state first, so a mistake is an error now. */
import { StewardError } from '../../../shared/errors';
import { memberIdOf } from '../../../shared/format/check';
import type { ProposalKind } from '../../../shared/format/kinds';
import type { ProposalParams, ProposalStatement } from '../../../shared/format/types';
import { schemaProblem } from '../../../shared/format/validate';
import { paramsProblem } from '../../../shared/derive/preconditions';
import { weakKeyProblem } from '../../../shared/ed25519-strict';
import { nodeCrypto } from '../crypto';
import { iso, loadAsMember, type ActionContext } from './context';
import { shortId, signStatement } from './sign';

export type ProposeRequest<K extends ProposalKind = ProposalKind> = {
  kind: K;
  title: string;
  body?: string;
  params: ProposalParams[K];
};

export type ProposeResult = {
  id: string;
  kind: ProposalKind;
  status: 'open';
  deadline: string;
  commit: string;
};

export const propose = async (
  ctx: ActionContext,
  request: ProposeRequest,
): Promise<ProposeResult> => {
  if (request.kind === 'add-member') {
    const { key } = request.params as ProposalParams['add-member'];
    const weak = typeof key === 'string' ? weakKeyProblem(key) : undefined;
    if (weak) throw new StewardError('invalid-argument', `the key ${key} is ${weak}`);
  }
  const { state, group } = await loadAsMember(ctx);
  const statement = {
    format: 'steward/1',
    type: 'proposal',
    group,
    author: ctx.signer.id,
    created: iso(ctx.now),
    kind: request.kind,
    title: request.title.trim(),
    body: request.body ?? '',
    params: request.params,
  } as ProposalStatement;
  const { envelope, id } = signStatement(statement, [ctx.signer]);
  const problem = schemaProblem('proposal', envelope);
  if (problem)
    throw new StewardError('invalid-argument', `invalid ${request.kind} proposal: ${problem}`);
  const members = new Map(state.members.map((m) => [m.id, m]));
  const models = new Map(state.models.map((m) => [m.slug, m]));
  const why = paramsProblem({ charter: state.charter!, members, models }, statement, (k) =>
    memberIdOf(nodeCrypto, k),
  );
  if (why)
    throw new StewardError('invalid-argument', `this ${request.kind} cannot be proposed: ${why}`);
  const rule = state.charter!.rules[request.kind];
  const { commit } = await ctx.ledger.append(
    envelope,
    id,
    `propose ${request.kind} "${statement.title}" (${shortId(id)})`,
    ctx.signer,
  );
  return {
    id,
    kind: request.kind,
    status: 'open',
    deadline: new Date(ctx.now.getTime() + rule.votingPeriod * 1000).toISOString(),
    commit,
  };
};
