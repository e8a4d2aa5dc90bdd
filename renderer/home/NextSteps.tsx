/** A new group's first steps, each a link to where it is done. */
import { useFeature } from '../app/useStores';
import { emptyDraft } from '../new-proposal/draft';
import { useProposeDraft } from '../new-proposal/open-draft';

type Props = { members: number; models: number; canPropose: boolean };

/** "Add a member" opens the form as that kind, ready for the newcomer's key and name. */
const AddMember = () => {
  const group = useFeature('group', (s) => s.snapshot?.state.group?.id);
  const propose = useProposeDraft();
  return (
    <a
      className="primary"
      href="#/new"
      data-testid="next-add-member"
      onClick={(event) => {
        event.preventDefault();
        propose({ ...emptyDraft, kind: 'add-member' }, group);
      }}
    >
      Add a member
    </a>
  );
};

export const NextSteps = ({ members, models, canPropose }: Props) => (
  <section aria-labelledby="next-heading" className="stack card next-steps" data-testid="home-next">
    <h2 id="next-heading">Next steps</h2>
    <ol>
      {canPropose && members < 2 && (
        <li>
          <AddMember />{' '}
          <span className="muted">
            — propose someone by their public key; the group votes them in.
          </span>
        </li>
      )}
      {models === 0 && (
        <li>
          <a href="#/models">Register a model</a>{' '}
          <span className="muted">— import a model folder, then propose registering it.</span>
        </li>
      )}
      <li>
        <a href="#/sync">Invite and sync</a>{' '}
        <span className="muted">— share the group with the other members’ computers.</span>
      </li>
      {canPropose && (
        <li>
          <a href="#/new">Make a first proposal</a>{' '}
          <span className="muted">— a resolution, a poll, a change to the charter…</span>
        </li>
      )}
    </ol>
  </section>
);
