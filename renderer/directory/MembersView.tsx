import { useFeature } from '../app/useStores';
import { formatDay, shortId } from '../common/format';

export const MembersView = () => {
  const members = useFeature('group', (s) => s.snapshot?.state.members ?? []);
  return (
    <section className="stack">
      <h1>Members</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Id</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-testid="member-row">
              <td>{m.name}</td>
              <td>
                <code title={m.id}>{shortId(m.id)}</code>
              </td>
              <td>{formatDay(m.joined)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
};
