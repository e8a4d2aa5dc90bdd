import type { LocalModelStatus } from '../../shared/api-types';
import { withoutCliHint } from './model-format';
import './models.css';

type Status = LocalModelStatus['status'];

/** Each status as a person says it, and why it may not run, in the app's words. */
export const statusWords: Record<Status, { label: string; hint: string }> = {
  runnable: { label: 'Ready to run', hint: 'Imported, unchanged and allowed: it may run here.' },
  'not-imported': {
    label: 'Files not on this computer',
    hint: 'Fetch its files from a peer (Fetch, under the version), or import their folder.',
  },
  'files-differ': {
    label: 'Files differ from the record',
    hint: 'The files here are not the ones the group registered.',
  },
  'not-approved': {
    label: 'Not approved for use yet',
    hint: 'The charter wants an approved use of this version before it runs.',
  },
  retired: { label: 'Retired', hint: 'The group retired this model.' },
  'not-registered': {
    label: 'Not registered yet',
    hint: 'Imported here, but the group has not registered this version.',
  },
};

/** A version's local status in words, with why it may not run beside it. */
export const StatusBadge = ({
  version,
  status,
}: {
  version: string;
  status: LocalModelStatus | undefined;
}) => {
  const words = status && statusWords[status.status];
  return (
    <span className="model-status-line">
      <span
        className={`badge badge-${status?.status ?? 'unknown'}`}
        data-testid="model-status"
        data-version={version}
        data-status={status?.status}
        title={status?.message !== undefined ? withoutCliHint(status.message) : 'Not known yet'}
      >
        {words?.label ?? '…'}
      </span>
      {words && status?.status !== 'runnable' && <span className="muted"> {words.hint}</span>}
    </span>
  );
};
