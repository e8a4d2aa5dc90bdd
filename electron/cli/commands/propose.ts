/** steward propose KIND --title T [--body-file F] [flags of the kind] */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseSetting } from '../../../shared/charter';
import { StewardError } from '../../../shared/errors';
import { isProposalKind, proposalKinds, type ProposalKind } from '../../../shared/format/kinds';
import type { ProposalParams } from '../../../shared/format/types';
import type { DerivedState } from '../../../shared/derive/state';
import { propose } from '../../core/governance/propose';
import { collect, filesArg, memberArg, ownersArg, sharesArg } from '../args';
import { bold, dim } from '../output';
import { actionContext, type Opts, type Run } from '../runtime';

const need = (opts: Opts, name: string, kind: string): string => {
  const value = opts[name];
  if (value === undefined || value === '') {
    const flag = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new StewardError('invalid-argument', `${kind} needs --${flag}`);
  }
  return String(value);
};

const list = (opts: Opts, name: string): string[] => (opts[name] as string[] | undefined) ?? [];

export const paramsFor = (
  kind: ProposalKind,
  o: Opts,
  state: DerivedState,
): ProposalParams[ProposalKind] => {
  switch (kind) {
    case 'add-member':
      return { key: need(o, 'key', kind), name: need(o, 'name', kind) };
    case 'remove-member':
      return { member: memberArg(state, need(o, 'member', kind)) };
    case 'amend-charter': {
      const sets = list(o, 'set');
      if (sets.length === 0)
        throw new StewardError('invalid-argument', 'amend-charter needs --set KEY=VALUE');
      try {
        return { changes: sets.flatMap(parseSetting) };
      } catch (error) {
        throw new StewardError('invalid-argument', `--set: ${(error as Error).message}`);
      }
    }
    case 'register-model': {
      const owners = list(o, 'owner');
      if (owners.length === 0)
        throw new StewardError('invalid-argument', 'register-model needs --owner MEMBER=SHARES');
      const files = filesArg(o.file as string[] | undefined);
      return {
        model: need(o, 'model', kind),
        name: need(o, 'name', kind),
        license: need(o, 'license', kind),
        owners: ownersArg(state, owners),
        ...(o.version !== undefined ? { version: String(o.version) } : {}),
        ...(files ? { files } : {}),
      };
    }
    case 'add-version': {
      const files = filesArg(o.file as string[] | undefined);
      return {
        model: need(o, 'model', kind),
        version: need(o, 'version', kind),
        ...(files ? { files } : {}),
      };
    }
    case 'transfer-shares':
      return {
        model: need(o, 'model', kind),
        from: memberArg(state, need(o, 'from', kind)),
        to: memberArg(state, need(o, 'to', kind)),
        shares: sharesArg(need(o, 'shares', kind)),
      };
    case 'set-license':
      return { model: need(o, 'model', kind), license: need(o, 'license', kind) };
    case 'approve-use':
      return {
        model: need(o, 'model', kind),
        version: need(o, 'version', kind),
        purpose: need(o, 'purpose', kind),
      };
    case 'retire-model':
      return { model: need(o, 'model', kind) };
    case 'resolution':
      return {};
    case 'poll': {
      const method = need(o, 'method', kind);
      if (method !== 'approval' && method !== 'ranked')
        throw new StewardError('invalid-argument', '--method is approval or ranked');
      return { options: list(o, 'option'), method };
    }
  }
};

export const registerPropose = (program: Command, run: Run): void => {
  program
    .command('propose')
    .description(`open a proposal; KIND is one of: ${proposalKinds.join(', ')}`)
    .argument('<kind>', 'the kind of proposal')
    .requiredOption('--title <text>', 'a one-line title')
    .option('--body-file <file>', "a Markdown file with the proposal's text")
    .option('--key <publickey>', "add-member: the new member's public key")
    .option('--name <name>', "add-member: their name; register-model: the model's name")
    .option('--member <member>', 'remove-member: the member (id, id prefix or name)')
    .option(
      '--set <key=value>',
      'amend-charter: a change, e.g. quorum=0.6 or rules.resolution.threshold=0.66 (repeatable)',
      collect,
    )
    .option('--model <slug>', 'the model concerned')
    .option('--license <spdx>', 'an SPDX licence expression')
    .option('--owner <member=shares>', 'register-model: an initial owner (repeatable)', collect)
    .option('--version <version>', 'a model version')
    .option('--file <path=sha256>', 'a model file and its SHA-256 (repeatable)', collect)
    .option('--from <member>', 'transfer-shares: who gives the shares')
    .option('--to <member>', 'transfer-shares: who receives them')
    .option('--shares <n>', 'transfer-shares: how many')
    .option('--purpose <text>', 'approve-use: what the model version may be used for')
    .option('--option <text>', 'poll: an option (repeatable)', collect)
    .option('--method <method>', 'poll: approval or ranked')
    .action(
      run(async (rt, opts, [kind]) => {
        if (!isProposalKind(kind)) {
          throw new StewardError(
            'invalid-argument',
            `unknown proposal kind "${kind}": use one of ${proposalKinds.join(', ')}`,
          );
        }
        const ctx = await actionContext(rt);
        const { state } = await ctx.ledger.load(ctx.now);
        const body =
          opts.bodyFile !== undefined ? await readFile(String(opts.bodyFile), 'utf8') : '';
        const result = await propose(ctx, {
          kind,
          title: String(opts.title),
          body,
          params: paramsFor(kind, opts, state),
        });
        const { commit, ...shown } = result;
        rt.out.result(
          shown,
          () =>
            `Opened ${kind} ${bold(`"${String(opts.title)}"`)} (${result.id.slice(0, 12)})\n${dim(`  open for votes until ${result.deadline}; commit ${commit.slice(0, 12)}`)}`,
        );
      }),
    );
};
