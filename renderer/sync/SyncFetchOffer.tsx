import { useEffect, useMemo, useRef } from 'react';
import type { SyncView } from '../../shared/api-types';
import { useFeature } from '../app/useStores';
import { versionKey } from '../models/model-format';
import { bytesWords } from '../models/transfer-words';
import { useLocalModels, useModelTransfers } from '../models/useModelStores';
import { VersionFiles } from '../models/VersionFiles';
import { fetchesByItself, storedAutoFetchMB } from '../settings/auto-fetch';
import { newlyApproved } from './newly-approved';
import '../models/models.css';

const noRemotes: never[] = [];

/**
 * After a sync that made versions approved for use whose files are not here: offers to fetch
 * each, and fetches by itself those whose missing size is known and within the limit set in
 * Settings (never a large one, never one of unknown size).
 */
export const SyncFetchOffer = ({ result }: { result: SyncView }) => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const head = useFeature('group', (s) => s.snapshot?.head);
  const statuses = useLocalModels((s) => s.statuses);
  const load = useLocalModels((s) => s.load);
  const fetchFiles = useModelTransfers((s) => s.fetch);
  const transfers = useModelTransfers((s) => s.transfers);
  const limitMB = useMemo(storedAutoFetchMB, [result]);
  // Versions already fetched by themselves for this result: once each, whatever came of it.
  const started = useRef(new WeakMap<SyncView, Set<string>>());

  useEffect(() => {
    if (head !== undefined) void load();
  }, [head, load]);

  const fresh = useMemo(() => (state ? newlyApproved(state, result) : []), [state, result]);
  const offered = fresh.flatMap((v) => {
    const s = statuses.find((x) => x.model === v.model && x.version === v.version);
    const key = versionKey(v.model, v.version);
    const missing =
      s?.filesTotal !== undefined && s.filesHere !== undefined && s.filesHere < s.filesTotal;
    return s && (missing || transfers[key] !== undefined) ? [{ key, status: s }] : [];
  });

  useEffect(() => {
    let done = started.current.get(result);
    if (!done) started.current.set(result, (done = new Set()));
    for (const { key, status } of offered) {
      const missing = (status.filesTotal ?? 0) - (status.filesHere ?? 0);
      if (done.has(key) || missing <= 0 || !fetchesByItself(status.missingBytes, limitMB)) continue;
      done.add(key);
      void fetchFiles(status.model, status.version).then(() => load());
    }
  }, [offered, result, limitMB, fetchFiles, load]);

  if (offered.length === 0) return null;
  return (
    <section className="card stack" data-testid="sync-fetch-offer" aria-labelledby="sync-fetch-h">
      <h2 id="sync-fetch-h">Newly approved for use, files not here</h2>
      <p className="muted">
        {limitMB === 0
          ? 'Fetch each when you are ready: Settings has the app fetch small ones by itself.'
          : `Those up to ${bytesWords(limitMB * 1_000_000)} are fetched by themselves (Settings); larger ones wait for you.`}
      </p>
      <ul className="version-fetch-list">
        {offered.map(({ key, status }) => (
          <li key={key}>
            <a href="#/models">
              {state?.models.find((m) => m.slug === status.model)?.name ?? status.model}{' '}
              <code>{status.version}</code>
            </a>
            <VersionFiles
              model={status.model}
              version={status.version}
              status={status}
              remotes={noRemotes}
            />
          </li>
        ))}
      </ul>
    </section>
  );
};
