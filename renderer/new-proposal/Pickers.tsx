import type { DerivedState } from '../../shared/derive/state';

type Props = {
  state: DerivedState;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  label: string;
};

/** The models proposals may still concern: registered and not retired. */
export const ModelPicker = ({ state, value, onChange, testId, label }: Props) => (
  <label>
    {label}
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a model</option>
      {state.models
        .filter((m) => !m.retired)
        .map((m) => (
          <option key={m.slug} value={m.slug}>
            {m.name} ({m.slug})
          </option>
        ))}
    </select>
  </label>
);

export const MemberPicker = ({ state, value, onChange, testId, label }: Props) => (
  <label>
    {label}
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a member</option>
      {state.members.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  </label>
);
