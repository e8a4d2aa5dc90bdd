/** Whether a proposal makes sense in the state it was opened in; undefined when it does. */
import { checkChange } from '../charter';
import type { ProposalStatement } from '../format/types';
import { isSpdxExpression } from '../spdx';
import type { Ledger } from './effects';

const duplicate = (values: string[]): string | undefined =>
  values.find((v, i) => values.indexOf(v) !== i);

export const paramsProblem = (
  ledger: Ledger,
  p: ProposalStatement,
  memberIdOf: (key: string) => string,
): string | undefined => {
  const model = 'model' in p.params ? ledger.models.get(p.params.model) : undefined;
  const needModel = (): string | undefined =>
    !model ? 'the model is not registered' : model.retired ? 'the model is retired' : undefined;
  switch (p.kind) {
    case 'add-member':
      return ledger.members.has(memberIdOf(p.params.key)) ? 'already a member' : undefined;
    case 'remove-member':
      return ledger.members.has(p.params.member) ? undefined : 'not a member';
    case 'amend-charter':
      return p.params.changes.map(checkChange).find(Boolean);
    case 'register-model': {
      const { owners, files, version, license } = p.params;
      if (model) return 'a model with this slug is registered';
      if (!isSpdxExpression(license)) return `"${license}" is not an SPDX licence expression`;
      if (duplicate(owners.map((o) => o.member))) return 'an owner is listed twice';
      const absent = owners.find((o) => !ledger.members.has(o.member));
      if (absent) return `owner ${absent.member} is not a member`;
      if (files && !version) return 'files need a version';
      if (files && duplicate(files.map((f) => f.path))) return 'a file is listed twice';
      return undefined;
    }
    case 'add-version':
      if (needModel()) return needModel();
      if (model!.versions.some((v) => v.version === p.params.version)) return 'the version exists';
      return p.params.files && duplicate(p.params.files.map((f) => f.path))
        ? 'a file is listed twice'
        : undefined;
    case 'transfer-shares': {
      const { from, to, shares } = p.params;
      if (needModel()) return needModel();
      if (from === to) return 'giver and receiver are the same member';
      if (!ledger.members.has(from) || !ledger.members.has(to))
        return 'giver and receiver must be members';
      const held = model!.owners.find((o) => o.member === from)?.shares ?? 0;
      return held < shares ? `the giver holds ${held} shares, fewer than ${shares}` : undefined;
    }
    case 'set-license':
      if (needModel()) return needModel();
      return isSpdxExpression(p.params.license)
        ? undefined
        : `"${p.params.license}" is not an SPDX licence expression`;
    case 'approve-use':
      if (needModel()) return needModel();
      return model!.versions.some((v) => v.version === p.params.version)
        ? undefined
        : 'the version is not registered';
    case 'retire-model':
      return needModel();
    case 'poll':
      return duplicate(p.params.options.map((o) => o.trim().toLowerCase()))
        ? 'an option is listed twice'
        : undefined;
    case 'resolution':
      return undefined;
  }
};
