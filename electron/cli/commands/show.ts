/** The text of `steward show` for people. */
import type { DerivedState, EvidenceView, ProposalView } from '../../../shared/derive/state';
import type { ProposalKind } from '../../../shared/format/kinds';
import { memberName } from '../../core/governance/resolve';
import { bold, dim } from '../output';
import { describeStatus, describeTally } from './describe';

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** One piece of evidence in a few lines, ending with its full id (what reproducing it takes). */
export const describeEvidence = (e: EvidenceView, author: string): string[] => {
  const d = e.dataset;
  const metrics = Object.entries(e.metrics).map(([k, v]) => `${k} ${v}`);
  return [
    `${author} · ${when(e.created)} · ${bold(`${e.model}@${e.version}`)} · ${e.task}`,
    `  dataset ${d.name ?? dim('(unnamed)')} · ${d.items} items · sha256 ${d.sha256.slice(0, 12)}`,
    `  metrics ${metrics.join(' · ')}`,
    `  outputs sha256 ${e.outputs.slice(0, 12)}`,
    ...(e.note ? [`  “${e.note}”`] : []),
    `  ${dim(`evidence ${e.id}`)}`,
  ];
};

type Params = Record<string, unknown>;

/** The parameters of the kinds whose title may not say it all, as lines. */
const decides: Partial<
  Record<ProposalKind, (p: Params, name: (id: string) => string) => string[]>
> = {
  'add-member': (p) => [`adds ${String(p.name)} with key ${String(p.key)}`],
  'remove-member': (p, name) => [`removes ${name(String(p.member))}`],
  poll: (p) => [
    `options (${String(p.method)}):`,
    ...(p.options as string[]).map((o, i) => `  ${i + 1}. ${o}`),
  ],
  'transfer-shares': (p, name) => [
    `moves ${String(p.shares)} shares of ${String(p.model)} from ${name(String(p.from))} to ${name(String(p.to))}`,
  ],
};

/** The proposal's parameters, as the lines of what a vote decides. */
const whatItDecides = (state: DerivedState, p: ProposalView): string[] =>
  decides[p.kind]?.(p.params, (id) => memberName(state, id)) ?? [];

export const showProposal = (
  state: DerivedState,
  p: ProposalView,
  quarantined: { path: string; reason: string; detail: string }[],
): string => {
  const name = (id: string) => memberName(state, id);
  const lines = [
    `${bold(p.title)}  ${dim(p.id)}`,
    `${p.kind} by ${name(p.author)} · ${describeStatus(p)}${p.reason ? ` — ${p.reason}` : ''}`,
    `opened ${p.created} · deadline ${p.deadline}`,
    `rule: ${p.rule.electorate}, ${p.rule.weight} weight, quorum ${p.rule.quorum}, threshold ${p.rule.threshold}`,
    `tally: ${describeTally(p.tally)}`,
  ];
  lines.push(...whatItDecides(state, p));
  if (p.body) lines.push('', p.body.trimEnd());
  const options = p.kind === 'poll' ? (p.params as { options: string[] }).options : [];
  if (p.votes.length) {
    lines.push('', bold('Votes'));
    for (const v of p.votes) {
      const what =
        v.choice ?? (v.options ?? []).map((o) => options[o] ?? String(o + 1)).join(' > ');
      lines.push(
        `  ${name(v.voter).padEnd(16)} ${String(what).padEnd(8)} ${dim(`weight ${v.weight}`)}${v.reason ? `  “${v.reason}”` : ''}`,
      );
    }
  }
  if (p.notCounted.length) {
    lines.push('', bold('Not counted'));
    for (const n of p.notCounted)
      lines.push(
        `  ${name(n.voter).padEnd(16)} ${n.created}  ${n.reason === 'superseded' ? 'replaced by a later vote' : 'arrived after the close'}`,
      );
  }
  if (p.closes.length) {
    lines.push('', bold('Closes'));
    for (const c of p.closes) {
      lines.push(
        `  ${c.id.slice(0, 12)} by ${name(c.author)} on ${c.basis.slice(0, 8)}: ${c.counted.length} vote${c.counted.length === 1 ? '' : 's'}, certified by ${c.certifiedBy.map(name).join(', ') || 'nobody'}${c.id === p.winningClose ? bold(' ← wins') : ''}`,
      );
    }
  }
  if (p.equivocations.length) {
    lines.push('', bold('Equivocation'));
    for (const e of p.equivocations)
      lines.push(`  ${name(e.member)} certified ${e.closes.length} different closes`);
  }
  if (p.evidence.length) {
    lines.push('', `${bold('Evidence')} ${dim('(counted in no tally)')}`);
    for (const e of p.evidence)
      lines.push(...describeEvidence(e, name(e.author)).map((l) => `  ${l}`));
  }
  if (quarantined.length) {
    lines.push('', bold('Quarantined'));
    for (const q of quarantined) lines.push(`  ${q.reason}: ${q.detail}`);
  }
  return lines.join('\n');
};
