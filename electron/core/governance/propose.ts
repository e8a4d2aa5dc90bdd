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

/**
 * A record's files with the size of each file this machine holds (docs/format.md §7): what a
 * peer fetching them asks for and shows progress against. A size given is kept as it is.
 */
const withSizes = async <K extends ProposalKind>(
  ctx: ActionContext,
  kind: K,
  params: ProposalParams[K],
): Promise<ProposalParams[K]> => {
  if (kind !== 'register-model' && kind !== 'add-version') return params;
  const { files } = params as ProposalParams['register-model' | 'add-version'];
  const { sizeOf } = ctx;
  if (!files || !sizeOf) return params;
  const sized = await Promise.all(
    files.map(async (f) => {
      if (f.size !== undefined || typeof f.sha256 !== 'string') return f;
      const size = await sizeOf(f.sha256);
      return size === undefined ? f : { ...f, size };
    }),
  );
  return { ...params, files: sized };
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
  const params = await withSizes(ctx, request.kind, request.params);
  const statement = {
    format: 'steward/1',
    type: 'proposal',
    group,
    author: ctx.signer.id,
    created: iso(ctx.now),
    kind: request.kind,
    title: request.title.trim(),
    body: request.body ?? '',
    params,
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
