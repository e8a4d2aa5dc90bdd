/**
 * Members: who is in the group, how they came in, what they own, their key's fingerprint (to
 * compare with what a member reads out from their own Settings) and when they joined. A member
 * may propose someone new from here.
 */
import { useState } from 'react';
import type { DerivedState, MemberView } from '../../shared/derive/state';
import { useFeature } from '../app/useStores';
import { nameOf, shortId } from '../common/format';
import { keyFingerprint } from '../decides/words';
import { emptyDraft } from '../new-proposal/draft';
import { useProposeDraft } from '../new-proposal/open-draft';

/** "1 January 2026": a date in words, the same in every locale's order. */
const dayInWords = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
};

/** Founders first by join date, then everyone else in the order they joined. */
const byJoined = (a: MemberView, b: MemberView): number =>
  a.joined === b.joined ? a.name.localeCompare(b.name) : a.joined < b.joined ? -1 : 1;

/** How they came in: signed the genesis charter, or an accepted add-member proposal. */
const Origin = ({ state, member }: { state: DerivedState; member: MemberView }) => {
  if (member.addedBy === state.group?.id) return <span data-testid="member-founder">Founder</span>;
  const proposal = state.proposals.find((p) => p.id === member.addedBy);
  return (
    <span>
      Added by {proposal ? nameOf(state, proposal.author) : 'a proposal'} (
      <a href={`#/proposals/${member.addedBy}`}>{proposal?.title ?? shortId(member.addedBy)}</a>)
    </span>
  );
};

const Holdings = ({ state, member }: { state: DerivedState; member: string }) => {
  const held = state.models.flatMap((m) => {
    const shares = m.owners.find((o) => o.member === member)?.shares ?? 0;
    const total = m.owners.reduce((sum, o) => sum + o.shares, 0);
    return shares > 0 ? [{ slug: m.slug, name: m.name, shares, total }] : [];
  });
  if (held.length === 0) return null;
  return (
    <span data-testid="member-holdings">
      Owns{' '}
      {held.map((h, i) => (
        <span key={h.slug}>
          {i > 0 && ', '}
          {h.name} ({h.shares} of {h.total} shares)
        </span>
      ))}
    </span>
  );
};

/** An id shown short (or as `shown`), whole on hover, with a button to copy all of it. */
const CopyableId = ({
  value,
  label,
  shown = shortId(value),
}: {
  value: string;
  label: string;
  shown?: string;
}) => {
  const [note, setNote] = useState<string>();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setNote('Copied'),
      // Browsers refuse the clipboard outside a secure context (a LAN address over http).
      () => setNote('Select the id to copy it'),
    );
  return (
    <span className="copyable">
      <code title={value}>{shown}</code>
      <button type="button" aria-label={`Copy ${label}`} onClick={() => void copy()}>
        Copy
      </button>
      {note !== undefined && (
        <span role="status" className="muted">
          {note}
        </span>
      )}
    </span>
  );
};

/** The one thing a member comes here to do: propose someone new (read-only: nothing). */
const ProposeMember = ({ group }: { group: string | undefined }) => {
  const member = useFeature('session', (s) => s.view?.member ?? false);
  const propose = useProposeDraft();
  if (!member)
    return (
      <p className="muted" data-testid="members-readonly">
        Members propose who joins; you are looking on, not a member here.
      </p>
    );
  return (
    <div className="buttons">
      <button
        type="button"
        className="primary"
        data-testid="members-propose"
        onClick={() => propose({ ...emptyDraft, kind: 'add-member' }, group)}
      >
        Propose a new member
      </button>
    </div>
  );
};

export const MembersView = () => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const members = [...(state?.members ?? [])].sort(byJoined);
  return (
    <section className="stack">
      <h1>Members</h1>
      <ProposeMember group={state?.group?.id} />
      {state !== undefined && members.length === 0 && <p className="muted">No members.</p>}
      <table className="members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Id</th>
            <th scope="col">Key fingerprint</th>
            <th scope="col">Roles</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {state !== undefined &&
            members.map((m) => (
              <tr key={m.id} data-testid="member-row">
                <th scope="row">{m.name}</th>
                <td>
                  <CopyableId value={m.id} label={`${m.name}'s id`} />
                </td>
                <td>
                  <CopyableId
                    value={m.publicKey}
                    label={`${m.name}'s public key`}
                    shown={keyFingerprint(m.publicKey)}
                  />
                </td>
                <td className="roles">
                  <Origin state={state} member={m} />
                  <Holdings state={state} member={m.id} />
                </td>
                <td>
                  <time dateTime={m.joined} title={m.joined}>
                    {dayInWords(m.joined)}
                  </time>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
};
