import type { FieldsProps } from './draft';
import { MemberPicker } from './Pickers';

/** add-member: the newcomer's public key and name; remove-member: whom. */
export const MemberFields = ({ draft, state, change }: FieldsProps) =>
  draft.kind === 'remove-member' ? (
    <fieldset className="stack">
      <legend>Member</legend>
      <MemberPicker
        state={state}
        label="Member to remove"
        testId="new-member"
        value={draft.member}
        onChange={(member) => change({ member })}
      />
    </fieldset>
  ) : (
    <fieldset className="stack">
      <legend>New member</legend>
      <label>
        Public key
        <input
          data-testid="new-key"
          value={draft.key}
          placeholder="43 characters, from their `steward identity show`"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => change({ key: e.target.value })}
        />
      </label>
      <label>
        Name
        <input
          data-testid="new-name"
          value={draft.name}
          maxLength={100}
          onChange={(e) => change({ name: e.target.value })}
        />
      </label>
    </fieldset>
  );
