import type { Status } from '../../shared/derive/state';
import { proposalKinds, type ProposalKind } from '../../shared/format/kinds';
import { kindLabel } from '../../shared/format/kind-labels';
import { useFeature } from '../app/useStores';
import type { SortOrder } from './list-store';

const statuses: Status[] = ['open', 'passed', 'rejected', 'expired', 'withdrawn'];

export const ProposalFilters = () => {
  const status = useFeature('list', (s) => s.status);
  const kind = useFeature('list', (s) => s.kind);
  const query = useFeature('list', (s) => s.query);
  const sort = useFeature('list', (s) => s.sort);
  const setFilter = useFeature('list', (s) => s.setFilter);
  return (
    <div className="filters" role="search">
      <label>
        Search
        <input
          type="search"
          data-testid="filter-search"
          value={query}
          onChange={(e) => setFilter({ query: e.target.value })}
          placeholder="Title or text"
        />
      </label>
      <label>
        Status
        <select
          data-testid="filter-status"
          value={status}
          onChange={(e) => setFilter({ status: e.target.value as Status | 'all' })}
        >
          <option value="all">All</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kind
        <select
          data-testid="filter-kind"
          value={kind}
          onChange={(e) => setFilter({ kind: e.target.value as ProposalKind | 'all' })}
        >
          <option value="all">All</option>
          {proposalKinds.map((k) => (
            <option key={k} value={k} title={k}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sort
        <select
          data-testid="filter-sort"
          value={sort}
          onChange={(e) => setFilter({ sort: e.target.value as SortOrder })}
        >
          <option value="newest">Newest</option>
          <option value="deadline">Deadline</option>
        </select>
      </label>
    </div>
  );
};
