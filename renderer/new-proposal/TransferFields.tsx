import { sharesOf, type FieldsProps } from './draft';

export const TransferFields = ({ draft, state, change }: FieldsProps) => {
  const model = state.models.find((m) => m.slug === draft.model);
  const owners = model?.owners ?? [];
  return (
    <fieldset className="stack">
      <legend>Transfer</legend>
      <label>
        Model
        <select
          data-testid="new-model"
          value={draft.model}
          onChange={(e) => change({ model: e.target.value, from: '' })}
        >
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
      <label>
        To member
        <select
          data-testid="new-to"
          value={draft.to}
          onChange={(e) => change({ to: e.target.value })}
        >
          <option value="">Choose a member</option>
          {state.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
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
