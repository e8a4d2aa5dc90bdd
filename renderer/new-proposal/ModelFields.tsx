import { FileRows } from './FileRows';
import { LicensePicker } from './LicensePicker';
import type { FieldsProps } from './draft';
import { ModelPicker } from './Pickers';

/** add-version, set-license, approve-use and retire-model: a model, and what changes for it. */
export const ModelFields = ({ draft, state, change }: FieldsProps) => {
  const model = state.models.find((m) => m.slug === draft.model);
  return (
    <fieldset className="stack">
      <legend>Model</legend>
      <ModelPicker
        state={state}
        label="Model"
        testId="new-model"
        value={draft.model}
        onChange={(slug) => change({ model: slug, version: '' })}
      />
      {model !== undefined && (
        <p className="muted">
          Licence {model.license}; versions{' '}
          {model.versions.map((v) => v.version).join(', ') || 'none yet'}.
        </p>
      )}
      {draft.kind === 'add-version' && (
        <>
          <label>
            New version
            <input
              data-testid="new-version"
              value={draft.version}
              placeholder="1.1"
              onChange={(e) => change({ version: e.target.value })}
            />
          </label>
          <FileRows draft={draft} change={change} />
        </>
      )}
      {draft.kind === 'set-license' && (
        <LicensePicker value={draft.license} onChange={(license) => change({ license })} />
      )}
      {draft.kind === 'approve-use' && (
        <>
          <label>
            Version
            <select
              data-testid="new-version"
              value={draft.version}
              onChange={(e) => change({ version: e.target.value })}
            >
              <option value="">Choose a version</option>
              {model?.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
          </label>
          <label>
            Purpose
            <textarea
              data-testid="new-purpose"
              rows={3}
              maxLength={2000}
              value={draft.purpose}
              onChange={(e) => change({ purpose: e.target.value })}
            />
          </label>
        </>
      )}
    </fieldset>
  );
};
