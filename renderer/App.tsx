import { useEffect, useState } from 'react';
import type { StewardClient } from '../shared/api-channels';
import type { Connection } from './api/connection';
import { Shell } from './app/Shell';
import { StoresContext } from './app/StoresContext';
import { createStores } from './app/stores';
import { ConnectionNotice } from './session/ConnectionNotice';
import { SessionGate } from './session/SessionGate';
import { applyTheme, storedTheme } from './settings/theme';
import { DemoBanner } from './setup/DemoBanner';

type Props = {
  client: StewardClient;
  /** Whether the app answers, where the client can tell (HTTP); none: it always does. */
  connection?: Connection;
};

/** The whole UI over one client: Electron's bridge, HTTP, or a test's fake. */
export const App = ({ client, connection }: Props) => {
  const [stores] = useState(() => createStores(client));
  useEffect(() => applyTheme(storedTheme()), []);
  return (
    <StoresContext.Provider value={stores}>
      {connection && <ConnectionNotice connection={connection} />}
      <SessionGate>
        <DemoBanner />
        <Shell />
      </SessionGate>
    </StoresContext.Provider>
  );
};
