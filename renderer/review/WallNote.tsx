import { useFeature } from '../app/useStores';
import { useReview } from './useReview';

/**
 * A participant's line on where the wall is: this proposal (and they follow it), or another one,
 * one click away. The host's own screen is the wall, and says nothing.
 */
export const WallNote = ({ shown }: { shown: string }) => {
  const host = useFeature('session', (s) => s.view?.host);
  const presenting = useReview((s) => s.join?.presenting);
  if (host !== false || presenting === undefined) return null;
  return (
    <p className="wall-note" data-testid="wall-note">
      {presenting === shown ? (
        'On the wall now: your screen follows the presenter.'
      ) : (
        <>
          The presenter is showing another proposal. <a href={`#/review/${presenting}`}>Go to it</a>
        </>
      )}
    </p>
  );
};
