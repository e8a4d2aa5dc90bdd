import { useEffect } from 'react';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { useApp } from '../setup/useApp';
import { AutoFetchSettings } from './AutoFetchSettings';
import { IdentitySettings } from './IdentitySettings';
import { ThemeSettings } from './ThemeSettings';

const AboutApp = () => {
  const app = useApp((s) => s.app);
  const error = useApp((s) => s.error);
  const host = useFeature('session', (s) => s.view?.host ?? false);
  return (
    <section className="card stack" aria-labelledby="settings-app">
      <h2 id="settings-app">This app</h2>
      <ErrorAlert message={error} />
      {app !== undefined && (
        <dl className="figures">
          <dt>Version</dt>
          <dd data-testid="settings-version">{app.version}</dd>
          {host && (
            <>
              <dt>Group folder</dt>
              <dd className="mono" data-testid="settings-folder">
                {app.group?.dir ?? 'none open'}
                {app.group?.demo === true && ' (demo)'}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
};

export const SettingsView = () => {
  const load = useApp((s) => s.load);
  const host = useFeature('session', (s) => s.view?.host ?? false);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="stack settings-page">
      <h1>Settings</h1>
      <IdentitySettings />
      <ThemeSettings />
      {host && <AutoFetchSettings />}
      <AboutApp />
    </section>
  );
};
