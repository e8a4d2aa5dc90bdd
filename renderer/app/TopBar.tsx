import { SessionHeader } from '../session/SessionHeader';

type Props = {
  groupName?: string;
  canSwitch: boolean;
  rail: boolean;
  onToggleNav: () => void;
};

/**
 * The bar that stays at the top of every page: the menu button that widens or narrows the
 * navigation, the open group (a way to the group switcher where the app can switch), and who is
 * signed in.
 */
export const TopBar = ({ groupName, canSwitch, rail, onToggleNav }: Props) => {
  const name = groupName ?? 'Steward';
  return (
    <header className="top">
      <button
        type="button"
        className="icon-button nav-toggle"
        aria-label="Menu"
        title={rail ? 'Show the places with their names' : 'Show the places as icons'}
        aria-controls="main-nav"
        aria-expanded={!rail}
        onClick={onToggleNav}
        data-testid="nav-toggle"
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            d="M4 6h16M4 12h16M4 18h16"
            stroke="currentColor"
            strokeWidth="1.75"
            strokeLinecap="round"
          />
        </svg>
      </button>
      {canSwitch ? (
        <a className="group-name" href="#/groups" title="Switch group" data-testid="topbar-group">
          {name}
        </a>
      ) : (
        <span className="group-name" data-testid="topbar-group">
          {name}
        </span>
      )}
      <SessionHeader />
    </header>
  );
};
