import { useEffect, useSyncExternalStore } from 'react';
import type { Connection } from '../api/connection';
import { useFeature } from '../app/useStores';

/** What a page from an earlier start is told: how to reach the app again. */
export const REOPEN = 'Open the new link it printed, or run npm start again.';

/**
 * Says plainly when the app stops answering (stopped, or restarted elsewhere), and when it answers
 * again has the session asked who this page is now: a restart forgets every session.
 */
export const ConnectionNotice = ({ connection }: { connection: Connection }) => {
  const state = useSyncExternalStore(connection.subscribe, connection.state);
  const recheck = useFeature('session', (s) => s.recheck);
  useEffect(
    () =>
      connection.subscribe((now) => {
        if (now === 'back') void recheck();
      }),
    [connection, recheck],
  );
  if (state !== 'unreachable') return null;
  return (
    <div className="connection-notice" role="alert" data-testid="connection-notice">
      <strong>Steward is not answering.</strong> If it was stopped or restarted: {REOPEN} This page
      keeps trying meanwhile.
    </div>
  );
};
