import { useApp } from './useApp';

/**
 * Says, on every screen, that the group open is the sample, not the user's own: what one can do
 * in it (read, run its model) and what not (vote, propose: nobody here is one of its members).
 */
export const DemoBanner = () => {
  const demo = useApp((s) => s.app?.group?.demo ?? false);
  if (!demo) return null;
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      <strong>Demo group</strong>
      <span>
        A sample to look around in: read everything and run its model. You are not one of its
        members, so voting and proposing are for its members alone.
      </span>
      <a href="#/groups">Back to your groups</a>
    </div>
  );
};
