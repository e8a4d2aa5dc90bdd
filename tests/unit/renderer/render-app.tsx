import { render } from '@testing-library/react';
import { App } from '../../../renderer/App';
import type { FakeClient } from './fake-client';

/** Renders the whole UI over a fake client, at a hash route. */
export const renderApp = (client: FakeClient, hash = '#/') => {
  window.location.hash = hash;
  return render(<App client={client} />);
};
