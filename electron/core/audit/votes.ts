/**
 * votes.csv: one row per vote ever cast on a proposal, counted or not, and why not: superseded by
 * the voter's later vote, arrived after the close's basis, or quarantined as invalid.
 */
import type { CheckResult, Quarantined } from '../../../shared/format/check';
import type { ProposalView } from '../../../shared/derive/state';
import type { Names } from './people';
import type { Cell, Table } from './table';

const columns = [
  'proposal id',
  'proposal title',
  'voter name',
  'voter id',
  'choice',
  'weight',
  'created',
  'counted',
  'not counted because',
  'reason given',
  'vote id',
];

type Ballot = { choice?: string; options?: number[] };
/** What the audit reads from a vote statement. */
type Recorded = Ballot & { created?: string; reason?: string };

/** The voter's choice in words: yes/no/abstain, or poll options by text (ranked: in order). */
const choiceText = (p: ProposalView, b: Ballot): string | undefined => {
  if (b.choice !== undefined) return b.choice;
  if (b.options === undefined) return undefined;
  const params = p.params as { options?: string[]; method?: string };
  const texts = b.options.map((i) => params.options?.[i] ?? `option #${i}`);
  return texts.join(params.method === 'ranked' ? ' > ' : '; ');
};

const weightOf = (p: ProposalView, voter: string): number | undefined =>
  p.electorate.find((e) => e.member === voter)?.weight;

/** The votes of one proposal, oldest first, then by id. */
const proposalRows = (
  p: ProposalView,
  names: Names,
  votes: Map<string, Recorded>,
  quarantined: Quarantined[],
): { created: string; id: string; cells: Cell[] }[] => {
  // An open proposal's votes count only once it is closed; a withdrawn one's never do.
  const [counted, uncounted] =
    p.status === 'open'
      ? ['pending', undefined]
      : p.status === 'withdrawn'
        ? ['no', 'withdrawn']
        : ['yes', undefined];
  const cells = (
    id: string,
    voter: string,
    ballot: Recorded,
    state: string,
    because?: string,
  ): Cell[] => [
    p.id,
    p.title,
    names(voter),
    voter,
    choiceText(p, ballot),
    weightOf(p, voter),
    ballot.created,
    state,
    because,
    ballot.reason,
    id,
  ];
  const rows = [
    ...p.votes.map((v) => ({
      id: v.id,
      created: v.created,
      cells: cells(v.id, v.voter, v, counted, uncounted),
    })),
    ...p.notCounted.map((n) => {
      const st: Recorded = votes.get(n.id) ?? {};
      return {
        id: n.id,
        created: st.created ?? n.created,
        cells: cells(n.id, n.voter, st, 'no', n.reason),
      };
    }),
    ...quarantined
      .filter((q) => q.type === 'vote' && q.proposal === p.id && q.id !== undefined)
      .map((q) => ({
        id: q.id!,
        created: '',
        cells: cells(q.id!, q.author ?? '', {}, 'no', `quarantined: ${q.reason} (${q.detail})`),
      })),
  ];
  return rows.sort((a, b) =>
    a.created === b.created ? (a.id < b.id ? -1 : 1) : a.created < b.created ? -1 : 1,
  );
};

/**
 * `statements` (what `Ledger.load` checked) supplies the choice and date of votes that were not
 * counted, which derivation keeps only by id; without it those cells stay empty.
 */
export const votesTable = (
  proposals: ProposalView[],
  names: Names,
  quarantined: Quarantined[],
  statements: readonly CheckResult[] = [],
): Table => {
  const votes = new Map<string, Recorded>();
  for (const s of statements)
    if (s.ok === true && s.statement.type === 'vote') votes.set(s.id, s.statement);
  return {
    file: 'votes.csv',
    title: 'Votes',
    columns,
    rows: proposals.flatMap((p) => proposalRows(p, names, votes, quarantined).map((r) => r.cells)),
  };
};
