import type { ModelFileCheck } from '../../shared/api-types';
import { HashCode } from './HashCode';

/** What a file check found: all well, or every file that differs, is missing or is extra. */
export const VerifyResult = ({ check }: { check: ModelFileCheck }) =>
  check.ok ? (
    <p className="verify-ok" data-testid="verify-result" data-ok="true" role="status">
      ✓ Every file matches the registered hashes.
    </p>
  ) : (
    <div className="verify-bad" data-testid="verify-result" data-ok="false" role="status">
      <p>✗ The files here do not match what the group registered.</p>
      <ul>
        {check.mismatched.map((m) => (
          <li key={`m-${m.path}`}>
            <code>{m.path}</code> differs: registered{' '}
            <HashCode sha256={m.expected} label={m.path} />, here{' '}
            <HashCode sha256={m.actual} label={`${m.path} here`} />
          </li>
        ))}
        {check.missing.map((path) => (
          <li key={`-${path}`}>
            <code>{path}</code> is missing
          </li>
        ))}
        {check.extra.map((path) => (
          <li key={`+${path}`}>
            <code>{path}</code> is extra (not registered)
          </li>
        ))}
      </ul>
    </div>
  );
