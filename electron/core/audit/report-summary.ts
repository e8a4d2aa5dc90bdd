/**
 * The report's first page: the group, its members, its models and their owners as of the head
 * commit, and the decisions of the period — how many ended how, and each in one line.
 */
import type { DerivedState, ProposalView } from '../../../shared/derive/state';
import { kindLabel } from '../../../shared/format/kind-labels';
import { escapeHtml as e } from './escape';
import type { IdIndex } from './ids';
import type { Names } from './people';
import { outcomeText, plural, readableDay, statusWord } from './words';

const ORDER: ProposalView['status'][] = ['passed', 'rejected', 'open', 'expired', 'withdrawn'];

const counts = (proposals: ProposalView[]): string => {
  const parts = ORDER.map((s) => [s, proposals.filter((p) => p.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${statusWord(s).toLowerCase()}`);
  const provisional = proposals.filter(
    (p) => (p.status === 'passed' || p.status === 'rejected') && !p.final,
  ).length;
  if (provisional > 0) parts.push(`${provisional} of the closed ones still provisional`);
  return `${plural(proposals.length, 'decision')} in the period${parts.length ? `: ${parts.join(', ')}` : ''}.`;
};

const decisionList = (proposals: ProposalView[], ids: IdIndex): string =>
  proposals.length === 0
    ? '<p>No proposal was created in this period.</p>'
    : `<ol class="decisions">\n${proposals
        .map(
          (p) =>
            `<li><span class="when">${e(readableDay(p.created))}</span> · <span title="${e(p.kind)}">${e(kindLabel(p.kind))}</span> · <strong>${e(p.title)}</strong> — ${e(outcomeText(p))} ${ids.cell(p.id, `proposal: ${p.title}`)}</li>`,
        )
        .join('\n')}\n</ol>`;

const members = (state: DerivedState, ids: IdIndex): string =>
  `<table class="compact">
<thead><tr><th scope="col">Member</th><th scope="col">Joined</th><th scope="col">Id</th></tr></thead>
<tbody>
${[...state.members]
  .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1))
  .map(
    (m) =>
      `<tr><td>${e(m.name)}</td><td>${e(readableDay(m.joined))}</td><td>${ids.cell(m.id, `member: ${m.name}`)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;

const owners = (owned: { member: string; shares: number }[], names: Names): string => {
  const total = owned.reduce((sum, o) => sum + o.shares, 0);
  return owned
    .map((o) => ({ ...o, name: names(o.member) || o.member.slice(0, 10) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.member < b.member ? -1 : 1))
    .map((o) => {
      const pct = total > 0 ? ` (${Math.round((o.shares / total) * 1000) / 10}%)` : '';
      return `${e(o.name)}: ${o.shares} shares${pct}`;
    })
    .join('<br>');
};

const models = (state: DerivedState, names: Names): string =>
  state.models.length === 0
    ? '<p>No model is registered.</p>'
    : `<table class="compact">
<thead><tr><th scope="col">Model</th><th scope="col">Licence</th><th scope="col">Versions</th><th scope="col">Owners</th></tr></thead>
<tbody>
${state.models
  .map(
    (m) =>
      `<tr><td>${e(m.name)} <span class="muted" title="model id">(${e(m.slug)})</span>${m.retired ? '<br>retired' : ''}</td><td>${e(m.license)}</td><td>${e(m.versions.map((v) => v.version).join(', ') || 'none')}</td><td>${owners(m.owners, names)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;

/** The summary section; `proposals` are the period's, oldest first. */
export const summaryHtml = (
  state: DerivedState,
  proposals: ProposalView[],
  names: Names,
  ids: IdIndex,
): string => `<section class="summary" aria-labelledby="summary">
<h2 id="summary">Summary</h2>
<p class="lead">${e(counts(proposals))}</p>
<h3>Decisions in the period</h3>
${decisionList(proposals, ids)}
<div class="columns">
<div>
<h3>Members (${state.members.length}), at the head commit</h3>
${members(state, ids)}
</div>
<div>
<h3>Models and owners (${state.models.length}), at the head commit</h3>
${models(state, names)}
</div>
</div>
</section>`;
