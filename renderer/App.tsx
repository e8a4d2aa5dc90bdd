import { useState } from 'react';
import type { StewardClient } from '../shared/api-channels';
import { Shell } from './app/Shell';
import { StoresContext } from './app/StoresContext';
import { createStores } from './app/stores';
import { SessionGate } from './session/SessionGate';

/** The whole UI over one client: Electron's bridge, HTTP, or a test's fake. */
export const App = ({ client }: { client: StewardClient }) => {
  const [stores] = useState(() => createStores(client));
  return (
    <StoresContext.Provider value={stores}>
      <SessionGate>
        <Shell />
      </SessionGate>
    </StoresContext.Provider>
  );
};
