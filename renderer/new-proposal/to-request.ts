import type { CreateArg } from '../../shared/api-channels';
import type { DerivedState } from '../../shared/derive/state';
import type { ProposalKind } from '../../shared/format/kinds';
import type { ProposalParams } from '../../shared/format/types';
import { charterChanges } from './charter-rows';
import * as check from './checks';
import { no, ok, type Checked } from './checks';
import { sharesOf, type Draft } from './draft';

type Params = Checked<ProposalParams[ProposalKind]>;

/** Checks a draft against the group's state as the app will: the request to send, or what is wrong. */
export const toRequest = (draft: Draft, state: DerivedState): Checked<CreateArg> => {
  const title = check.text(draft.title, 'the proposal a title', 200);
  if (!title.ok) return title;
  if (check.length(draft.body) > 65536) return no('Keep the text to 65,536 characters.');
  const params = paramsOf(draft, state);
  if (!params.ok) return params;
  return ok({
    kind: draft.kind,
    title: title.value,
    body: draft.body,
    params: params.value,
  } as CreateArg);
};

const paramsOf = (d: Draft, state: DerivedState): Params => {
  switch (d.kind) {
    case 'add-member': {
      const key = check.publicKey(d.key);
      if (!key.ok) return key;
      if (state.members.some((m) => m.publicKey === key.value))
        return no('That key is already a member’s.');
      const name = check.text(d.name, 'the new member a name', 100);
      return name.ok ? ok({ key: key.value, name: name.value }) : name;
    }
    case 'remove-member':
      return state.members.some((m) => m.id === d.member)
        ? ok({ member: d.member })
        : no('Choose the member to remove.');
    case 'amend-charter': {
      const changes = charterChanges(d.changes);
      return changes.ok ? ok({ changes: changes.value }) : changes;
    }
    case 'register-model':
      return registerModel(d, state);
    case 'add-version': {
      const model = check.liveModel(state, d.model);
      if (!model.ok) return model;
      const version = check.version(d.version);
      if (!version.ok) return version;
      if (model.value.versions.some((v) => v.version === version.value))
        return no(`${model.value.slug} already has version ${version.value}.`);
      const files = check.files(d.files);
      if (!files.ok) return files;
      const base = { model: model.value.slug, version: version.value };
      return ok(files.value.length > 0 ? { ...base, files: files.value } : base);
    }
    case 'transfer-shares':
      return transfer(d, state);
    case 'set-license': {
      const model = check.liveModel(state, d.model);
      if (!model.ok) return model;
      const license = check.license(d.license);
      return license.ok ? ok({ model: model.value.slug, license: license.value }) : license;
    }
    case 'approve-use': {
      const model = check.liveModel(state, d.model);
      if (!model.ok) return model;
      if (!model.value.versions.some((v) => v.version === d.version))
        return no('Pick one of the model’s versions.');
      const purpose = check.text(d.purpose, 'the purpose', 2000);
      return purpose.ok
        ? ok({ model: model.value.slug, version: d.version, purpose: purpose.value })
        : purpose;
    }
    case 'retire-model': {
      const model = check.liveModel(state, d.model);
      return model.ok ? ok({ model: model.value.slug }) : model;
    }
    case 'resolution':
      return ok({});
    case 'poll': {
      const options = d.options.map((o) => o.trim()).filter(Boolean);
      if (options.length < 2) return no('A poll needs at least two options.');
      if (options.length > 50) return no('A poll has at most 50 options.');
      if (options.some((o) => check.length(o) > 200))
        return no('Keep each option to 200 characters.');
      const folded = options.map((o) => o.toLowerCase());
      if (new Set(folded).size !== folded.length) return no('Each option must be different.');
      return ok({ options, method: d.method });
    }
  }
};

const registerModel = (d: Draft, state: DerivedState): Params => {
  const slug = check.slug(d.slug);
  if (!slug.ok) return slug;
  if (state.models.some((m) => m.slug === slug.value))
    return no(`A model with the slug ${slug.value} is registered already.`);
  const name = check.text(d.name, 'the model a name', 200);
  if (!name.ok) return name;
  const license = check.license(d.license);
  if (!license.ok) return license;
  const owners = check.owners(state, d.owners);
  if (!owners.ok) return owners;
  const base = {
    model: slug.value,
    name: name.value,
    license: license.value,
    owners: owners.value,
  };
  const files = check.files(d.files);
  if (!files.ok) return files;
  if (d.version.trim() === '')
    return files.value.length > 0 ? no('Files need a version.') : ok(base);
  const version = check.version(d.version);
  if (!version.ok) return version;
  return ok({
    ...base,
    version: version.value,
    ...(files.value.length > 0 && { files: files.value }),
  });
};

const transfer = (d: Draft, state: DerivedState): Params => {
  const model = check.liveModel(state, d.model);
  if (!model.ok) return model;
  const { from, to } = d;
  if (from === '' || to === '') return no('Pick who gives and who receives.');
  if (from === to) return no('The giver and the receiver must differ.');
  const shares = check.wholeShares(d.shares);
  if (!shares.ok) return shares;
  const owned = sharesOf(state, model.value.slug, from);
  if (shares.value > owned)
    return no(`That owner holds only ${owned} shares of ${model.value.slug}.`);
  return ok({ model: model.value.slug, from, to, shares: shares.value });
};
