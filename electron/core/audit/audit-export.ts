/**
 * An audit export of a group's decisions, votes and ownership changes for a period, as CSV files
 * or one HTML page. Pure: the caller passes the state, the time of generation and the head commit,
 * so one commit and one clock reading give byte-identical files.
 */
import type { CheckResult } from '../../../shared/format/check';
import type { DerivedState } from '../../../shared/derive/state';
import { decisionsTable } from './decisions';
import { toCsv } from './csv';
import { toHtml } from './html';
import { ownershipTable } from './ownership';
import { namesOf } from './people';
import { rangeLabel, rangeTest, type AuditRange } from './range';
import { votesTable } from './votes';

export type AuditFormat = 'csv' | 'html';

export type AuditContext = {
  /** ISO timestamp printed as the report's time of generation. */
  generatedAt: string;
  /** The commit the state was loaded at, against which `steward verify` checks every row. */
  head: string;
  /** The checked statements (`Ledger.load(...).checked`): they give uncounted votes' choices. */
  statements?: readonly CheckResult[];
};

export type AuditFile = { name: string; content: string };

/** See range.ts for which rows a range selects. Throws `invalid-argument` for a bad range. */
export const auditExport = (
  state: DerivedState,
  range: AuditRange,
  format: AuditFormat,
  context: AuditContext,
): { files: AuditFile[] } => {
  const inRange = rangeTest(range);
  const names = namesOf(state);
  const proposals = state.proposals
    .filter((p) => inRange(p.created))
    .sort((a, b) =>
      a.created === b.created ? (a.id < b.id ? -1 : 1) : a.created < b.created ? -1 : 1,
    );
  const tables = {
    decisions: decisionsTable(proposals, names),
    votes: votesTable(proposals, names, state.quarantined, context.statements),
    ownership: ownershipTable(state.models, new Set(proposals.map((p) => p.id)), names),
  };
  switch (format) {
    case 'csv':
      return {
        files: Object.values(tables).map((t) => ({ name: t.file, content: toCsv(t) })),
      };
    case 'html': {
      const header = {
        group: state.group ?? { id: '', name: '(no group)' },
        range: rangeLabel(range),
        generatedAt: context.generatedAt,
        head: context.head,
      };
      const content = toHtml({ header, state, proposals, names, tables });
      return { files: [{ name: 'audit.html', content }] };
    }
  }
};
