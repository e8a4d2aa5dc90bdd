import type { FieldsProps } from './draft';
import { FileRows } from './FileRows';
import { LicensePicker } from './LicensePicker';
import { OwnerRows } from './OwnerRows';

export const RegisterFields = (props: FieldsProps) => {
  const { draft, change } = props;
  return (
    <>
      <fieldset className="stack">
        <legend>Model</legend>
        <label>
          Slug
          <input
            data-testid="new-slug"
            value={draft.slug}
            placeholder="tiny-bert"
            spellCheck={false}
            onChange={(e) => change({ slug: e.target.value })}
          />
        </label>
        <label>
          Name
          <input
            data-testid="new-name"
            value={draft.name}
            maxLength={200}
            onChange={(e) => change({ name: e.target.value })}
          />
        </label>
        <LicensePicker value={draft.license} onChange={(license) => change({ license })} />
        <label>
          First version (optional)
          <input
            data-testid="new-version"
            value={draft.version}
            placeholder="1.0"
            onChange={(e) => change({ version: e.target.value })}
          />
        </label>
      </fieldset>
      <OwnerRows {...props} />
      <FileRows draft={draft} change={change} />
    </>
  );
};
