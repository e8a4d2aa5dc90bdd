/**
 * What a passed proposal changes: membership, the charter, and the model registry. Preconditions
 * are checked again when the effect applies, since the state may have moved since the proposal
 * opened (two proposals registering the same model can both pass; only the first applies).
 */
import { applyChanges, type Charter } from '../charter';
import type { ProposalStatement } from '../format/types';
import type { ModelView } from './state';

export type Member = { id: string; name: string; joined: string; addedBy: string };

export type Ledger = {
  charter: Charter;
  members: Map<string, Member>;
  models: Map<string, ModelView>;
};

export type EffectResult = { applied: boolean; reason?: string };

const ownersOf = (m: ModelView) => m.owners.map((o) => ({ ...o }));

const setShares = (model: ModelView, member: string, shares: number): void => {
  model.owners = model.owners.filter((o) => o.member !== member);
  if (shares > 0) model.owners.push({ member, shares });
  model.owners.sort((a, b) => (a.member < b.member ? -1 : 1));
};

const liveModel = (ledger: Ledger, slug: string): ModelView | string => {
  const model = ledger.models.get(slug);
  if (!model) return `model ${slug} is not registered`;
  if (model.retired) return `model ${slug} is retired`;
  return model;
};

export const applyEffect = (
  ledger: Ledger,
  p: ProposalStatement,
  proposalId: string,
  at: string,
  memberIdOf: (key: string) => string,
): EffectResult => {
  const fail = (reason: string): EffectResult => ({ applied: false, reason });
  switch (p.kind) {
    case 'add-member': {
      const id = memberIdOf(p.params.key);
      if (ledger.members.has(id)) return fail('already a member');
      ledger.members.set(id, { id, name: p.params.name, joined: at, addedBy: proposalId });
      return { applied: true };
    }
    case 'remove-member': {
      if (!ledger.members.has(p.params.member)) return fail('not a member');
      if (ledger.members.size === 1) return fail('the last member cannot be removed');
      ledger.members.delete(p.params.member);
      return { applied: true };
    }
    case 'amend-charter':
      ledger.charter = applyChanges(ledger.charter, p.params.changes);
      return { applied: true };
    case 'register-model': {
      const { model: slug, name, license, owners, version, files } = p.params;
      if (ledger.models.has(slug)) return fail(`model ${slug} is already registered`);
      const absent = owners.find((o) => !ledger.members.has(o.member));
      if (absent) return fail(`owner ${absent.member} is not a member`);
      const model: ModelView = {
        slug,
        name,
        license,
        versions: version ? [{ version, files: files ?? [], proposal: proposalId }] : [],
        approvals: [],
        owners: [],
        retired: false,
        registeredBy: proposalId,
        history: [],
      };
      for (const o of owners) setShares(model, o.member, o.shares);
      model.history.push({
        proposal: proposalId,
        at,
        change: 'registered',
        owners: ownersOf(model),
      });
      ledger.models.set(slug, model);
      return { applied: true };
    }
    case 'add-version': {
      const model = liveModel(ledger, p.params.model);
      if (typeof model === 'string') return fail(model);
      if (model.versions.some((v) => v.version === p.params.version))
        return fail(`version ${p.params.version} exists`);
      model.versions.push({
        version: p.params.version,
        files: p.params.files ?? [],
        proposal: proposalId,
      });
      return { applied: true };
    }
    case 'transfer-shares': {
      const { from, to, shares } = p.params;
      const model = liveModel(ledger, p.params.model);
      if (typeof model === 'string') return fail(model);
      const held = model.owners.find((o) => o.member === from)?.shares ?? 0;
      if (held < shares) return fail(`the giver holds ${held} shares, fewer than ${shares}`);
      if (!ledger.members.has(to)) return fail('the receiver is not a member');
      setShares(model, from, held - shares);
      setShares(model, to, (model.owners.find((o) => o.member === to)?.shares ?? 0) + shares);
      model.history.push({
        proposal: proposalId,
        at,
        change: `${shares} shares from ${from} to ${to}`,
        owners: ownersOf(model),
      });
      return { applied: true };
    }
    case 'set-license': {
      const model = liveModel(ledger, p.params.model);
      if (typeof model === 'string') return fail(model);
      model.license = p.params.license;
      return { applied: true };
    }
    case 'approve-use': {
      const model = liveModel(ledger, p.params.model);
      if (typeof model === 'string') return fail(model);
      if (!model.versions.some((v) => v.version === p.params.version))
        return fail(`version ${p.params.version} is not registered`);
      model.approvals.push({
        version: p.params.version,
        purpose: p.params.purpose,
        proposal: proposalId,
      });
      return { applied: true };
    }
    case 'retire-model': {
      const model = liveModel(ledger, p.params.model);
      if (typeof model === 'string') return fail(model);
      model.retired = true;
      return { applied: true };
    }
    case 'resolution':
    case 'poll':
      return { applied: true };
  }
};
