/**
 * Signing an evaluation as evidence on a proposal. Evidence is shown with the proposal and counted
 * in no tally, so it may come whatever the proposal's status, closed or withdrawn included.
 */
import { StewardError } from '../../../shared/errors';
import { filesOrderProblem } from '../../../shared/format/check';
import type { EvidenceBody, EvidenceStatement, ModelFile } from '../../../shared/format/types';
import { unsignedProblem } from '../../../shared/format/validate';
import { iso, loadAsMember, type ActionContext } from './context';
import { findProposal } from './resolve';
import { shortId, signStatement } from './sign';

/** The proposal (id or unique prefix) and what the evaluation found. */
export type EvidenceRequest = EvidenceBody & { proposal: string };

export type EvidenceResult = { id: string; proposal: string; commit: string };

const byPath = (a: ModelFile, b: ModelFile): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

export const attachEvidence = async (
  ctx: ActionContext,
  request: EvidenceRequest,
): Promise<EvidenceResult> => {
  const { state, group } = await loadAsMember(ctx);
  const p = findProposal(state, request.proposal);
  // Derivation holds a proposal's children to the members of its opening, as for votes.
  if (!p.membersAtOpen.includes(ctx.signer.id)) {
    throw new StewardError(
      'not-eligible',
      `you joined after "${p.title}" opened: only the members of that time can give evidence on it`,
    );
  }
  if (ctx.now.getTime() < Date.parse(p.created)) {
    throw new StewardError(
      'invalid-argument',
      `"${p.title}" is dated ${p.created}, after this machine's clock (${iso(ctx.now)}): evidence dated before its proposal is not counted`,
    );
  }
  const { dataset, runtime } = request;
  const statement: EvidenceStatement = {
    format: 'steward/1',
    type: 'evidence',
    group,
    author: ctx.signer.id,
    created: iso(ctx.now),
    proposal: p.id,
    model: request.model,
    version: request.version,
    // One evaluation, one text: the format wants the files in path order.
    files: Array.isArray(request.files) ? [...request.files].sort(byPath) : request.files,
    task: request.task,
    dataset: {
      sha256: dataset.sha256,
      items: dataset.items,
      ...(dataset.name !== undefined ? { name: dataset.name } : {}),
    },
    settings: request.settings,
    seed: request.seed,
    metrics: request.metrics,
    outputs: request.outputs,
    runtime: { library: runtime.library, onnxruntime: runtime.onnxruntime },
    ...(request.note !== undefined ? { note: request.note } : {}),
  };
  const problem =
    unsignedProblem('evidence', statement, ctx.signer.publicKey) ??
    filesOrderProblem(statement.files);
  if (problem) throw new StewardError('invalid-argument', `invalid evidence: ${problem}`);
  const { envelope, id } = signStatement(statement, [ctx.signer]);
  const { commit } = await ctx.ledger.append(
    envelope,
    id,
    `evidence for "${p.title}" (${shortId(p.id)}): ${statement.model}@${statement.version} ${statement.task}`,
    ctx.signer,
  );
  return { id, proposal: p.id, commit };
};
