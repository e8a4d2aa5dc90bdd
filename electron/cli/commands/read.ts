/** steward list | show | members | models | ownership | verify */
import type { Command } from 'commander';
import { StewardError } from '../../../shared/errors';
import { proposalKinds } from '../../../shared/format/kinds';
import { proposalDir, statementPath } from '../../../shared/format/paths';
import type { Status } from '../../../shared/derive/state';
import { findProposal, memberName } from '../../core/governance/resolve';
import { commitAdding } from '../../core/ledger/history';
import { bold, dim, red, table } from '../output';
import { loadState, openLedger, type Run } from '../runtime';
import { describeRewrites, describeStatus, describeTally } from './describe';
import { showProposal } from './show';

const statuses: Status[] = ['open', 'passed', 'rejected', 'expired', 'withdrawn'];

export const registerRead = (program: Command, run: Run): void => {
  program
    .command('list')
    .description('list proposals')
    .option('--status <status>', `only proposals with this status (${statuses.join(', ')})`)
    .option('--kind <kind>', 'only proposals of this kind')
    .action(
      run(async (rt, opts) => {
        if (opts.status !== undefined && !statuses.includes(opts.status as Status)) {
          throw new StewardError('invalid-argument', `--status is one of ${statuses.join(', ')}`);
        }
        if (
          opts.kind !== undefined &&
          !(proposalKinds as readonly string[]).includes(String(opts.kind))
        ) {
          throw new StewardError(
            'invalid-argument',
            `--kind is one of ${proposalKinds.join(', ')}`,
          );
        }
        const { state } = await loadState(rt);
        const rows = state.proposals.filter(
          (p) =>
            (opts.status === undefined || p.status === opts.status) &&
            (opts.kind === undefined || p.kind === opts.kind),
        );
        rt.out.result(
          rows.map((p) => ({
            id: p.id,
            kind: p.kind,
            title: p.title,
            status: p.status,
            final: p.final,
            deadline: p.deadline,
            tally: p.tally,
          })),
          () =>
            rows.length === 0
              ? dim('no proposals')
              : table(
                  ['ID', 'KIND', 'STATUS', 'TITLE', 'TALLY'],
                  rows.map((p) => [
                    p.id.slice(0, 8),
                    p.kind,
                    describeStatus(p),
                    p.title,
                    describeTally(p.tally),
                  ]),
                ),
        );
      }),
    );
  program
    .command('show')
    .description('show one proposal: votes, tally, closes, evidence, what was not counted and why')
    .argument('<id>', 'the proposal')
    .action(
      run(async (rt, _opts, [id]) => {
        const { state, rewrites } = await loadState(rt);
        const p = findProposal(state, id!);
        // Files of this proposal a later commit changed or removed: they count as first committed.
        const rewritten = rewrites.filter((r) => r.path.startsWith(`${proposalDir(p.id)}/`));
        const quarantined = state.quarantined
          .filter((q) => q.proposal === p.id)
          .map(({ path, reason, detail, id: qid }) => ({
            path,
            reason,
            detail,
            ...(qid ? { id: qid } : {}),
          }));
        rt.out.result({ ...p, quarantined, rewrites: rewritten }, () =>
          [
            showProposal(state, p, quarantined),
            ...(rewritten.length ? ['', describeRewrites(rewritten)] : []),
          ].join('\n'),
        );
      }),
    );
  program
    .command('members')
    .description("list the group's members")
    .action(
      run(async (rt) => {
        const { state } = await loadState(rt);
        rt.out.result(
          state.members.map(({ id, name, publicKey, joined }) => ({ id, name, publicKey, joined })),
          () =>
            table(
              ['ID', 'NAME', 'JOINED', 'PUBLIC KEY'],
              state.members.map((m) => [
                m.id.slice(0, 12),
                m.name,
                m.joined.slice(0, 10),
                m.publicKey,
              ]),
            ),
        );
      }),
    );
  program
    .command('models')
    .description('list registered models')
    .action(
      run(async (rt) => {
        const { state } = await loadState(rt);
        const models = state.models.map((m) => ({
          slug: m.slug,
          name: m.name,
          license: m.license,
          versions: m.versions,
          owners: m.owners,
          approvals: m.approvals,
          retired: m.retired,
        }));
        rt.out.result(models, () =>
          models.length === 0
            ? dim('no models')
            : table(
                ['SLUG', 'NAME', 'LICENSE', 'VERSIONS', 'OWNERS'],
                models.map((m) => [
                  m.slug + (m.retired ? ' (retired)' : ''),
                  m.name,
                  m.license,
                  m.versions.map((v) => v.version).join(', '),
                  m.owners.map((o) => `${memberName(state, o.member)} ${o.shares}`).join(', '),
                ]),
              ),
        );
      }),
    );
  program
    .command('ownership')
    .description('who owns a model, and every change to it')
    .argument('<slug>', 'the model')
    .action(
      run(async (rt, _opts, [slug]) => {
        const ledger = await openLedger(rt);
        const { state } = await loadState(rt, ledger);
        const model = state.models.find((m) => m.slug === slug);
        if (!model) throw new StewardError('not-found', `no model "${slug}" is registered`);
        const history: {
          proposal: string;
          commit: string | null;
          change: string;
          at: string;
          owners: { member: string; shares: number }[];
        }[] = [];
        for (const h of model.history) {
          const p = state.proposals.find((x) => x.id === h.proposal)!;
          const path = p.winningClose
            ? statementPath('close', p.winningClose, p.id)
            : statementPath('proposal', p.id);
          history.push({
            proposal: h.proposal,
            commit: (await commitAdding(ledger.repo, path)) ?? null,
            change: h.change,
            at: h.at,
            owners: h.owners,
          });
        }
        const total = model.owners.reduce((s, o) => s + o.shares, 0);
        rt.out.result(
          { model: model.slug, owners: model.owners, history },
          () =>
            `${bold(model.name)} (${model.slug}), ${model.license}\n` +
            table(
              ['OWNER', 'SHARES', '%'],
              [...model.owners]
                .sort((a, b) => b.shares - a.shares)
                .map((o) => [
                  memberName(state, o.member),
                  String(o.shares),
                  ((100 * o.shares) / total).toFixed(1),
                ]),
            ) +
            `\n\n${bold('History')}\n` +
            history
              .map(
                (h) =>
                  `${h.at.slice(0, 16).replace('T', ' ')}  ${h.change.replace(/[0-9a-f]{64}/g, (m) => memberName(state, m))}  ${dim(`proposal ${h.proposal.slice(0, 8)} commit ${(h.commit ?? '?').slice(0, 8)}`)}`,
              )
              .join('\n'),
        );
      }),
    );
  program
    .command('verify')
    .description(
      'check every statement and the history behind them; report what is quarantined and why, and any commit that changed or removed a statement',
    )
    .option('--strict', 'exit 1 if anything is quarantined')
    .action(
      run(async (rt, opts) => {
        // Every file checked again, the whole history walked again: verify trusts nothing kept.
        const { state, rewrites } = await loadState(rt, undefined, true, true);
        const quarantined = state.quarantined.map(({ path, reason, detail }) => ({
          path,
          reason,
          detail,
        }));
        // A history that changed or removed a statement is broken whatever --strict says.
        const ok = quarantined.length === 0 && rewrites.length === 0;
        rt.out.result({ ok, statements: state.statements, quarantined, rewrites }, () =>
          [
            ok
              ? `ok: ${state.statements} statements verified, nothing quarantined`
              : `${state.statements} statements verified; ${
                  quarantined.length === 0
                    ? 'nothing quarantined'
                    : red(`${quarantined.length} quarantined`)
                }${quarantined.length === 0 ? '' : ':'}`,
            ...quarantined.map(
              (q) => `  ${q.reason.padEnd(22)} ${q.path}\n  ${' '.repeat(22)} ${dim(q.detail)}`,
            ),
            ...(rewrites.length === 0 ? [] : [describeRewrites(rewrites)]),
          ].join('\n'),
        );
        if (rewrites.length > 0 || (!ok && opts.strict === true)) process.exitCode = 1;
      }),
    );
};
