import { useEffect } from 'react';
import type { LocalModelStatus } from '../../shared/api-types';
import type { DerivedState } from '../../shared/derive/state';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { versionKey } from '../models/model-format';
import { useLocalModels, useModelTransfers } from '../models/useModelStores';
import { VersionFiles } from '../models/VersionFiles';
import '../models/models.css';

const noRemotes: never[] = [];

/** An approved version whose files are not all here: what Home offers to fetch. */
export const missingApproved = (statuses: LocalModelStatus[]): LocalModelStatus[] =>
  statuses.filter(
    (s) =>
      s.approved === true &&
      s.status !== 'retired' &&
      s.filesTotal !== undefined &&
      s.filesHere !== undefined &&
      s.filesHere < s.filesTotal,
  );

/**
 * "Approved for use, not on this computer yet": the group decided these versions may run, and
 * their files are still elsewhere. Each one fetched from here; one just fetched stays to say so.
 */
export const MissingApproved = ({ state }: { state: DerivedState }) => {
  const statuses = useLocalModels((s) => s.statuses);
  const error = useLocalModels((s) => s.error);
  const load = useLocalModels((s) => s.load);
  const transfers = useModelTransfers((s) => s.transfers);
  const head = useFeature('group', (s) => s.snapshot?.head);
  useEffect(() => {
    if (head !== undefined) void load();
  }, [head, load]);
  const listed = statuses.filter(
    (s) =>
      missingApproved([s]).length > 0 ||
      (s.approved === true && transfers[versionKey(s.model, s.version)]?.kind === 'fetch'),
  );
  if (listed.length === 0 && error === undefined) return null;
  const nameOf = (slug: string) => state.models.find((m) => m.slug === slug)?.name ?? slug;
  return (
    <section className="stack" aria-labelledby="home-missing-heading">
      <h2 id="home-missing-heading">Approved for use, not on this computer yet</h2>
      <ErrorAlert message={error} />
      <ul className="version-fetch-list" data-testid="home-missing-models">
        {listed.map((s) => (
          <li key={versionKey(s.model, s.version)} data-model={s.model} data-version={s.version}>
            <a href="#/models">
              {nameOf(s.model)} <code>{s.version}</code>
            </a>
            <VersionFiles model={s.model} version={s.version} status={s} remotes={noRemotes} />
          </li>
        ))}
      </ul>
    </section>
  );
};
