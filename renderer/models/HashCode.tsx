import { useState } from 'react';
import { shortHash } from './model-format';

/** A SHA-256 shortened in monospace, the whole of it in the title and one click from the clipboard. */
export const HashCode = ({ sha256, label }: { sha256: string; label: string }) => {
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  // The clipboard is there in a secure context only (the host's own window).
  const canCopy = typeof navigator !== 'undefined' && navigator.clipboard !== undefined;
  const copy = () =>
    navigator.clipboard.writeText(sha256).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  return (
    <span className="hash">
      <code title={sha256}>{shortHash(sha256)}</code>
      {canCopy && (
        <button
          type="button"
          className="link-button"
          aria-label={`Copy the SHA-256 of ${label}`}
          onClick={() => void copy()}
        >
          {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Not copied' : 'Copy'}
        </button>
      )}
    </span>
  );
};
