/** decisions.csv: one row per proposal, with its outcome, its tally and the close that fixed it. */
import type { ProposalView } from '../../../shared/derive/state';
import type { Tally } from '../../../shared/tally';
import type { Names } from './people';
import type { Cell, Table } from './table';

const columns = [
  'proposal id',
  'kind',
  'title',
  'author name',
  'author id',
  'created',
  'deadline',
  'status',
  'final',
  'why not passed',
  'tally method',
  'yes',
  'no',
  'abstain',
  'poll counts',
  'poll winner',
  'participation',
  'electorate',
  'quorum met',
  'decided at',
  'closed by name',
  'closed by id',
  'close id',
  'certified by',
  'effect',
];

const tallyCells = (t: Tally): Cell[] =>
  t.method === 'yes-no'
    ? [t.method, t.yes, t.no, t.abstain, undefined, undefined]
    : [
        t.method,
        undefined,
        undefined,
        undefined,
        t.options.map((o, i) => `${o}=${t.counts[i] ?? 0}`).join('; '),
        t.winner === null ? undefined : t.options[t.winner],
      ];

/** Co-signers as `name=id`, by name: who made the close final. */
const signersOf = (ids: string[], names: Names): string =>
  ids
    .map((id) => `${names(id)}=${id}`)
    .sort((a, b) => a.localeCompare(b, 'en'))
    .join('; ');

const effectOf = (p: ProposalView): string | undefined =>
  p.effect && (p.effect.applied ? 'applied' : `not applied: ${p.effect.reason ?? 'no reason'}`);

const row = (p: ProposalView, names: Names): Cell[] => {
  const close = p.closes.find((c) => c.id === p.winningClose);
  return [
    p.id,
    p.kind,
    p.title,
    names(p.author),
    p.author,
    p.created,
    p.deadline,
    p.status,
    p.final,
    p.reason,
    ...tallyCells(p.tally),
    p.tally.participation,
    p.tally.electorate,
    p.tally.quorumMet,
    close?.created,
    close && names(close.author),
    close?.author,
    close?.id,
    close && signersOf(close.certifiedBy, names),
    effectOf(p),
  ];
};

/** Proposals oldest first; an open proposal's tally is the one it would have if closed now. */
export const decisionsTable = (proposals: ProposalView[], names: Names): Table => ({
  file: 'decisions.csv',
  title: 'Decisions',
  columns,
  rows: proposals.map((p) => row(p, names)),
});
