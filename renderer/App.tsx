import { useEffect, useState } from 'react';
import type { StewardClient } from '../shared/api-channels';
import { Shell } from './app/Shell';
import { StoresContext } from './app/StoresContext';
import { createStores } from './app/stores';
import { SessionGate } from './session/SessionGate';
import { applyTheme, storedTheme } from './settings/theme';
import { DemoBanner } from './setup/DemoBanner';

/** The whole UI over one client: Electron's bridge, HTTP, or a test's fake. */
export const App = ({ client }: { client: StewardClient }) => {
  const [stores] = useState(() => createStores(client));
  useEffect(() => applyTheme(storedTheme()), []);
  return (
    <StoresContext.Provider value={stores}>
      <SessionGate>
        <DemoBanner />
        <Shell />
      </SessionGate>
    </StoresContext.Provider>
  );
};
