import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client';
import { createConnection } from './api/connection';
import { App } from './App';
import { applyTheme, storedTheme } from './settings/theme';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('renderer/index.html has no #root element');

// Before the first frame, so the chosen theme never flashes the other one.
applyTheme(storedTheme());

const connection = createConnection();

createRoot(container).render(
  <StrictMode>
    <App client={createClient(connection)} connection={connection} />
  </StrictMode>,
);
