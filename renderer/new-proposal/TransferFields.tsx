import { sharesOf, type FieldsProps } from './draft';
import { MemberPicker, ModelPicker } from './Pickers';

export const TransferFields = ({ draft, state, change }: FieldsProps) => {
  const model = state.models.find((m) => m.slug === draft.model);
  const owners = model?.owners ?? [];
  return (
    <fieldset className="stack">
      <legend>Transfer</legend>
      <ModelPicker
        state={state}
        value={draft.model}
        onChange={(model) => change({ model, from: '' })}
        testId="new-model"
        label="Model"
      />
      <label>
        From owner
        <select
          data-testid="new-from"
          value={draft.from}
          onChange={(e) => change({ from: e.target.value })}
        >
          <option value="">Choose an owner</option>
          {owners.map((o) => (
            <option key={o.member} value={o.member}>
              {state.members.find((m) => m.id === o.member)?.name ?? o.member.slice(0, 8)} (
              {o.shares} shares)
            </option>
          ))}
        </select>
      </label>
      <MemberPicker
        state={state}
        value={draft.to}
        onChange={(to) => change({ to })}
        testId="new-to"
        label="To member"
      />
      <label>
        Shares
        <input
          data-testid="new-shares"
          type="number"
          min={1}
          step={1}
          value={draft.shares}
          onChange={(e) => change({ shares: e.target.value })}
        />
      </label>
      {draft.from !== '' && (
        <p className="muted">This owner holds {sharesOf(state, draft.model, draft.from)} shares.</p>
      )}
    </fieldset>
  );
};
