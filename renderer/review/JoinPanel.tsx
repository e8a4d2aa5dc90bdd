import { useEffect } from 'react';
import { ErrorAlert } from '../common/ErrorAlert';
import { HostControls } from './HostControls';
import { QrCode } from './QrCode';
import { useReview } from './useReview';
import './review.css';

/** Where a phone's camera lands: the review screen, which follows the proposal on the wall. */
const landing = (url: string): string => `${url.replace(/\/$/, '')}/#/review`;

/** How people in the room join from their own devices: address, QR code and session code. */
export const JoinPanel = () => {
  const join = useReview((s) => s.join);
  const error = useReview((s) => s.error);
  const load = useReview((s) => s.load);
  useEffect(() => void load(), [load]);
  const first = join?.urls[0];
  return (
    <aside className="join-panel card" aria-labelledby="join-heading">
      <h2 id="join-heading">
        {first === undefined && join?.canHost ? 'Share with the room' : 'Join from your device'}
      </h2>
      <ErrorAlert message={error} />
      {join !== undefined && first === undefined && !join.canHost && (
        <p className="muted">Only this machine can connect: the app is not served to the room.</p>
      )}
      {first !== undefined && (
        <QrCode text={landing(first)} label={`QR code for ${landing(first)}`} />
      )}
      {join?.urls.map((url) => (
        <p key={url} className="join-url" data-testid="presenter-url">
          {url}
        </p>
      ))}
      {join?.code !== undefined && (
        <p>
          Session code <strong data-testid="presenter-code">{join.code}</strong>
        </p>
      )}
      <HostControls />
    </aside>
  );
};
