import { useEffect } from 'react';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { Bundles } from './Bundles';
import { Remotes } from './Remotes';
import { SyncNow } from './SyncNow';
import { SyncFetchOffer } from './SyncFetchOffer';
import { SyncResult } from './SyncResult';
import { useSync } from './useSync';
import './sync.css';

const HostSync = () => {
  const loadRemotes = useSync((s) => s.loadRemotes);
  const error = useSync((s) => s.error);
  const result = useSync((s) => s.result);
  useEffect(() => {
    void loadRemotes();
  }, [loadRemotes]);
  return (
    <>
      <ErrorAlert message={error} />
      <SyncNow />
      {result && <SyncResult result={result} />}
      {result && <SyncFetchOffer result={result} />}
      <Remotes />
      <Bundles />
    </>
  );
};

/** Sync with peers, remotes and bundles: the host's own app alone reaches its disk and network. */
export const SyncView = () => {
  const host = useFeature('session', (s) => s.view?.host ?? false);
  return (
    <section className="stack sync-page">
      <h1>Sync</h1>
      {host ? (
        <HostSync />
      ) : (
        <p data-testid="sync-not-host">
          Syncing happens on the host&apos;s machine, which holds the group&apos;s repo: what you do
          here already lands there, and the host syncs it with the other peers. To sync a copy of
          your own, open Steward on your machine.
        </p>
      )}
    </section>
  );
};
