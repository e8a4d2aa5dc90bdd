import type { LocalModelStatus } from '../../shared/api-types';

type Status = LocalModelStatus['status'];

const hints: Record<Status, string> = {
  runnable: 'Imported, unchanged and allowed: it may run here.',
  'not-imported': 'Its files are not on this machine yet: import the folder.',
  'files-differ': 'The files here are not the ones the group registered.',
  'not-approved': 'The charter wants an approved use before it runs.',
  retired: 'The group retired this model.',
};

/** A version's local status as one word, with why it may not run beside it. */
export const StatusBadge = ({
  version,
  status,
}: {
  version: string;
  status: LocalModelStatus | undefined;
}) => (
  <span className="model-status-line">
    <span
      className={`badge badge-${status?.status ?? 'unknown'}`}
      data-testid="model-status"
      data-version={version}
      title={status ? hints[status.status] : 'Not known yet'}
    >
      {status?.status ?? '…'}
    </span>
    {status?.message !== undefined && <span className="muted"> {status.message}</span>}
  </span>
);
