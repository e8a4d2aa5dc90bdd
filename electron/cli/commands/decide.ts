/** steward vote | close | certify | withdraw | consent */
import type { Command } from 'commander';
import { StewardError } from '../../../shared/errors';
import type { Choice, ProposalParams } from '../../../shared/format/types';
import { certify, close } from '../../core/governance/close';
import { findProposal } from '../../core/governance/resolve';
import { consent, vote, withdraw, type Ballot } from '../../core/governance/vote';
import { choiceArg } from '../args';
import { bold, dim } from '../output';
import { actionContext, type Run } from '../runtime';
import { describeTally } from './describe';

const choices: Choice[] = ['yes', 'no', 'abstain'];

export const registerDecide = (program: Command, run: Run): void => {
  program
    .command('vote')
    .description('vote on an open proposal; the last vote you cast counts')
    .argument('<id>', 'the proposal (id or unique prefix)')
    .argument('[choice]', 'yes, no or abstain')
    .option(
      '--choice <options>',
      'polls: options by text, number or letter, comma-separated (ranked: in order)',
    )
    .option('--reason <text>', 'why, for the record')
    .action(
      run(async (rt, opts, [id, choice]) => {
        const ctx = await actionContext(rt);
        const p = findProposal((await ctx.ledger.load(ctx.now)).state, id!);
        let ballot: Ballot;
        if (p.kind === 'poll') {
          if (opts.choice === undefined) {
            if (choice !== 'abstain')
              throw new StewardError(
                'invalid-argument',
                'this is a poll: vote with --choice A,B,... (or abstain)',
              );
            ballot = { options: [] };
          } else
            ballot = {
              options: choiceArg((p.params as ProposalParams['poll']).options, String(opts.choice)),
            };
        } else {
          if (!choices.includes(choice as Choice))
            throw new StewardError(
              'invalid-argument',
              `vote yes, no or abstain${choice ? `, not "${choice}"` : ''}`,
            );
          ballot = { choice: choice as Choice };
        }
        const result = await vote(ctx, {
          proposal: p.id,
          ballot,
          ...(opts.reason !== undefined ? { reason: String(opts.reason) } : {}),
        });
        rt.out.result(
          { id: result.id },
          () =>
            `Voted on ${bold(`"${p.title}"`)} (${p.id.slice(0, 12)})\n${dim(`  vote ${result.id.slice(0, 12)}`)}`,
        );
      }),
    );
  program
    .command('close')
    .description(
      'close a proposal after its deadline, or early once every eligible voter has voted',
    )
    .argument('<id>', 'the proposal')
    .action(
      run(async (rt, _opts, [id]) => {
        const ctx = await actionContext(rt);
        const r = await close(ctx, id!);
        rt.out.result(
          { id: r.id, proposal: r.proposal, status: r.status, tally: r.tally, final: r.final },
          () =>
            `Closed: ${bold(r.status)} ${r.final ? '(final)' : dim('(provisional until members holding more than half the weight certify it: steward certify)')}\n  ${describeTally(r.tally)}`,
        );
      }),
    );
  program
    .command('certify')
    .description(
      "co-sign the winning close; it is final once co-signers hold more than half of the electorate's weight (and the quorum)",
    )
    .argument('<id>', 'the proposal')
    .action(
      run(async (rt, _opts, [id]) => {
        const ctx = await actionContext(rt);
        const r = await certify(ctx, id!);
        rt.out.result(
          {
            id: r.id,
            proposal: r.proposal,
            close: r.close,
            status: r.status,
            final: r.final,
            signers: r.signers,
          },
          () =>
            `Certified the close (${r.close.slice(0, 12)}): ${bold(r.status)}, ${r.final ? bold('final') : `provisional (${r.signers.length} signed)`}`,
        );
      }),
    );
  program
    .command('withdraw')
    .description('withdraw your own open proposal')
    .argument('<id>', 'the proposal')
    .action(
      run(async (rt, _opts, [id]) => {
        const ctx = await actionContext(rt);
        const r = await withdraw(ctx, id!);
        rt.out.result({ id: r.id, status: r.status }, () => `Withdrawn (${r.id.slice(0, 12)})`);
      }),
    );
  program
    .command('consent')
    .description('as the member giving shares, consent to a transfer-shares proposal')
    .argument('<id>', 'the proposal')
    .action(
      run(async (rt, _opts, [id]) => {
        const ctx = await actionContext(rt);
        const r = await consent(ctx, id!);
        rt.out.result({ id: r.id }, () => `Consented (${r.id.slice(0, 12)})`);
      }),
    );
};
