import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { OpenFolder } from '../group/GroupSwitch';
import { FoundGroup, JoinGroup, OpenDemo } from './GroupForms';
import { CreateIdentity, ImportIdentity } from './IdentityForms';
import { useApp } from './useApp';

export type SetupStep = 'identity' | 'group';

const steps: { step: SetupStep; label: string }[] = [
  { step: 'identity', label: 'Your identity' },
  { step: 'group', label: 'Your group' },
];

const Steps = ({ current }: { current: SetupStep }) => (
  <ol className="setup-steps" aria-label="Steps">
    {steps.map((s, i) => (
      <li key={s.step} aria-current={s.step === current ? 'step' : undefined}>
        {i + 1}. {s.label}
      </li>
    ))}
  </ol>
);

const GroupStep = () => {
  const canSwitch = useApp((s) => s.app?.canSwitch ?? false);
  const signedIn = useFeature('session', (s) => s.view?.identity !== undefined);
  if (!canSwitch)
    return <p>This app serves one group and cannot open another; ask whoever started it.</p>;
  return (
    <div className="setup-choices">
      <FoundGroup signedIn={signedIn} />
      <JoinGroup />
      <OpenDemo />
      <OpenFolder />
    </div>
  );
};

/** The first run on the host's machine: an identity, then a group, then the app. */
export const Setup = ({ step }: { step: SetupStep }) => {
  const error = useApp((s) => s.error);
  const busy = useApp((s) => s.busy);
  const hasGroup = useApp((s) => s.app?.group !== undefined);
  const continueReadOnly = useFeature('session', (s) => s.continueReadOnly);
  return (
    <main className="gate setup" aria-busy={busy}>
      <h1>Welcome to Steward</h1>
      <Steps current={step} />
      <ErrorAlert message={error} />
      {step === 'identity' ? (
        <>
          <div className="setup-choices">
            <CreateIdentity />
            <ImportIdentity />
          </div>
          <button data-testid="setup-readonly" type="button" onClick={continueReadOnly}>
            {hasGroup ? 'Continue read-only' : 'Skip for now: look around read-only'}
          </button>
        </>
      ) : (
        <GroupStep />
      )}
    </main>
  );
};
