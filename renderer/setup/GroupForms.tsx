/**
 * The three ways to a group, used by the guided start and by the Groups screen: found one (with
 * further founders, who sign its charter before it begins), join one, open the demo.
 */
import { useState, type FormEvent } from 'react';
import { FounderRows, founderProblem, type FounderRow } from './FounderRows';
import { useApp } from './useApp';
import { useEnterGroup as useEnter } from './useEnterGroup';
import './setup.css';

export const FoundGroup = ({ signedIn }: { signedIn: boolean }) => {
  const found = useApp((s) => s.found);
  const busy = useApp((s) => s.busy);
  const enter = useEnter();
  const [name, setName] = useState('');
  const [hours, setHours] = useState('72');
  const [founders, setFounders] = useState<FounderRow[]>([]);
  const period = Number(hours);
  const periodOk = hours.trim() !== '' && Number.isFinite(period) && period > 0 && period <= 8760;
  const foundersOk = founders.every((f) => founderProblem(f) === undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!periodOk || !foundersOk || name.trim() === '') return;
    const further = founders.map((f) => ({ name: f.name.trim(), key: f.key.trim() }));
    await enter(await found(name.trim(), period, further));
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card stack" aria-labelledby="found-group">
      <h2 id="found-group">Found a group</h2>
      <p className="muted">
        You sign its charter and are its first member. Invite others later, or name further founders
        now: the group begins once each of them has signed its charter too.
      </p>
      <label>
        Group name
        <input
          data-testid="group-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          required
          disabled={!signedIn}
        />
      </label>
      <label>
        Voting period (hours)
        <input
          data-testid="group-hours"
          type="number"
          min="1"
          max="8760"
          step="any"
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          disabled={!signedIn}
        />
      </label>
      {!periodOk && (
        <p role="alert" className="error">
          The voting period is between 1 hour and a year (8760 hours).
        </p>
      )}
      <FounderRows rows={founders} onChange={setFounders} disabled={!signedIn} />
      {!signedIn && <p className="muted">Unlock your identity to found a group.</p>}
      <button
        data-testid="group-found"
        type="submit"
        disabled={busy || !signedIn || !periodOk || !foundersOk || name.trim() === ''}
      >
        {founders.length > 0 ? 'Sign, then wait for them' : 'Found the group'}
      </button>
    </form>
  );
};

export const JoinGroup = () => {
  const join = useApp((s) => s.join);
  const busy = useApp((s) => s.busy);
  const enter = useEnter();
  const [source, setSource] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (source.trim() === '') return;
    await enter(await join(source.trim()));
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card stack" aria-labelledby="join-group">
      <h2 id="join-group">Join a group</h2>
      <p className="muted">
        Copy its repo from a member: the address their Steward shows, a git remote, a .bundle file
        or a repo folder on this machine. A member then proposes to add you.
      </p>
      <label>
        Where the group is
        <input
          data-testid="group-join-source"
          value={source}
          onChange={(e) => setSource(e.target.value)}
          placeholder="http://192.168.1.20:7420/ or /media/usb/guild.bundle"
          required
        />
      </label>
      <button data-testid="group-join" type="submit" disabled={busy || source.trim() === ''}>
        Join
      </button>
    </form>
  );
};

export const OpenDemo = () => {
  const openDemo = useApp((s) => s.openDemo);
  const busy = useApp((s) => s.busy);
  const enter = useEnter();
  const [making, setMaking] = useState(false);
  return (
    <div className="card stack">
      <h2>Explore the demo group</h2>
      <p className="muted">
        A sample group with proposals, votes and a model that runs, to look around before you start
        your own. It is made afresh each time you open it; you look on as a visitor.
      </p>
      <button
        data-testid="group-demo"
        type="button"
        disabled={busy}
        onClick={() => {
          setMaking(true);
          void openDemo()
            .then(enter)
            .finally(() => setMaking(false));
        }}
      >
        {making ? 'Making the demo group…' : 'Open the demo group'}
      </button>
    </div>
  );
};
