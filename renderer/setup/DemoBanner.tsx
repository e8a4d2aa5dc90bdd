import { useApp } from './useApp';

/** Says, on every screen, that the group open is the sample, not the user's own. */
export const DemoBanner = () => {
  const demo = useApp((s) => s.app?.group?.demo ?? false);
  if (!demo) return null;
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      <strong>Demo group</strong>
      <span>
        A sample to look around in: what you write here stays in this copy, on this machine.
      </span>
    </div>
  );
};
