import { useState, type FormEvent } from 'react';
import type { DerivedState } from '../../shared/derive/state';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { useProposeDraft } from '../new-proposal/open-draft';
import { FileHashes } from './FileHashes';
import { ImportProgress } from './ImportProgress';
import { registrationDraft } from './registration-draft';
import { UnregisteredImports } from './UnregisteredImports';
import { useLocalModels, useModelImport } from './useModelStores';

const registered = (state: DerivedState, v: { model: string; version: string }) =>
  state.models.some((m) => m.slug === v.model && m.versions.some((x) => x.version === v.version));

/**
 * Copies a model folder on the host's disk into the model store, hashing every file, so that a
 * registered version becomes runnable here (or shows that its files differ from the record).
 */
export const ImportForm = ({ primary }: { primary: boolean }) => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const propose = useProposeDraft();
  const [dir, setDir] = useState('');
  const [model, setModel] = useState('');
  const [version, setVersion] = useState('');
  const busy = useModelImport((s) => s.busy);
  const progress = useModelImport((s) => s.progress);
  const result = useModelImport((s) => s.result);
  const error = useModelImport((s) => s.error);
  const importFolder = useModelImport((s) => s.importFolder);
  const stopped = useModelImport((s) => s.stopped);
  const stop = useModelImport((s) => s.stop);
  const reload = useLocalModels((s) => s.load);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const imported = await importFolder({
      dir: dir.trim(),
      model: model.trim(),
      version: version.trim(),
    });
    if (imported) await reload();
  };

  return (
    <section className="card stack" aria-labelledby="import-heading">
      <h2 id="import-heading">Import a model folder</h2>
      <p className="muted">
        A folder on this computer in the Hugging Face layout (config, tokenizer, onnx/). Its files
        are copied and hashed; the version runs once its hashes match what the group registered.
      </p>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          Folder on this computer
          <input
            data-testid="import-dir"
            required
            value={dir}
            placeholder="/home/me/models/tiny-gpt2"
            onChange={(e) => setDir(e.target.value)}
          />
        </label>
        <div className="model-form-row">
          <label>
            Model
            <input
              data-testid="import-model"
              required
              pattern="[a-z0-9][a-z0-9._\-]{0,63}"
              title="Lower-case letters, digits, dots, dashes and underscores"
              list="import-model-slugs"
              value={model}
              onChange={(e) => setModel(e.target.value)}
            />
            <datalist id="import-model-slugs">
              {state?.models.map((m) => (
                <option key={m.slug} value={m.slug} />
              ))}
            </datalist>
          </label>
          <label>
            Version
            <input
              data-testid="import-version"
              required
              pattern="[A-Za-z0-9][A-Za-z0-9._+\-]{0,63}"
              value={version}
              onChange={(e) => setVersion(e.target.value)}
            />
          </label>
        </div>
        <div className="buttons">
          <button
            type="submit"
            className={primary ? 'primary' : undefined}
            data-testid="import-submit"
            disabled={busy}
          >
            {busy ? 'Importing…' : 'Import'}
          </button>
          {busy && (
            <button type="button" data-testid="import-stop" onClick={() => void stop()}>
              Stop
            </button>
          )}
        </div>
      </form>
      {progress && !stopped && <ImportProgress progress={progress} busy={busy} />}
      {stopped && (
        <p className="muted" role="status" data-testid="import-stopped">
          Import stopped: nothing of it was kept.
        </p>
      )}
      <ErrorAlert message={error} />
      {result && (
        <div className="stack" data-testid="import-result">
          <p>
            Imported <code>{result.model}</code> version <code>{result.version}</code>:
          </p>
          <FileHashes files={result.files} caption="Imported files" />
          {state && !registered(state, result) && (
            <p>
              <button
                type="button"
                data-testid="propose-registering"
                onClick={() => propose(registrationDraft(result, state), state.group?.id)}
              >
                Propose registering
              </button>{' '}
              <span className="muted">
                {state.models.some((m) => m.slug === result.model)
                  ? 'Opens a new proposal to add this version, its files and hashes filled in.'
                  : 'Opens a new proposal to register this model, its files and hashes filled in.'}
              </span>
            </p>
          )}
        </div>
      )}
      {state && (
        <UnregisteredImports state={state} except={result && `${result.model}@${result.version}`} />
      )}
    </section>
  );
};
