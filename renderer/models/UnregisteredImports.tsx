import type { DerivedState } from '../../shared/derive/state';
import { useProposeDraft } from '../new-proposal/open-draft';
import { formatSize } from './model-format';
import { registrationDraft } from './registration-draft';
import { useLocalModels } from './useModelStores';

/**
 * Versions imported on this computer that the group has not registered (an import of another day,
 * say), each one click from the proposal that would register it. The one just imported is left
 * out: its result above offers the same.
 */
export const UnregisteredImports = ({
  state,
  except,
}: {
  state: DerivedState;
  except: string | undefined;
}) => {
  const statuses = useLocalModels((s) => s.statuses);
  const propose = useProposeDraft();
  const waiting = statuses.filter(
    (s) => s.status === 'not-registered' && s.files && `${s.model}@${s.version}` !== except,
  );
  if (waiting.length === 0) return null;
  return (
    <div className="stack" data-testid="unregistered-imports">
      <h3>Imported here, not registered yet</h3>
      <ul className="unregistered-imports">
        {waiting.map((s) => (
          <li key={`${s.model}@${s.version}`}>
            <span>
              <code>{s.model}</code> {s.version}{' '}
              <span className="muted">
                · {s.files!.length} files
                {s.bytes !== undefined && `, ${formatSize(s.bytes)}`}
              </span>
            </span>
            <button
              type="button"
              aria-label={`Propose registering ${s.model} ${s.version}`}
              onClick={() =>
                propose(registrationDraft({ ...s, files: s.files! }, state), state.group?.id)
              }
            >
              Propose registering
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
};
