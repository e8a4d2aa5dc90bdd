import { useEffect, useState } from 'react';

type VersionState =
  { kind: 'none' } | { kind: 'ok'; version: string } | { kind: 'error'; message: string };

const readVersion = (result: unknown): string | undefined =>
  typeof result === 'object' &&
  result !== null &&
  'version' in result &&
  typeof result.version === 'string'
    ? result.version
    : undefined;

export const App = () => {
  const [state, setState] = useState<VersionState>({ kind: 'none' });

  useEffect(() => {
    const bridge = window.steward;
    if (bridge === undefined) return;
    bridge
      .invoke('app:version', {})
      .then((result) => {
        const version = readVersion(result);
        setState(
          version === undefined
            ? { kind: 'error', message: 'no version in reply' }
            : { kind: 'ok', version },
        );
      })
      .catch((error: unknown) => setState({ kind: 'error', message: String(error) }));
  }, []);

  return (
    <main>
      <h1>Steward</h1>
      <p>The desktop interface comes later. The command line works today:</p>
      <pre>npx steward --help</pre>
      {state.kind === 'ok' && <p className="muted">Version {state.version}</p>}
      {state.kind === 'error' && (
        <p className="error">Could not read the version: {state.message}</p>
      )}
    </main>
  );
};
