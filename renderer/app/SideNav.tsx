import { NavIcon } from './NavIcon';
import { visibleLinks, type NavContext } from './nav-links';
import type { Route } from './useHashRoute';

type Props = { route: Route; context: NavContext; rail: boolean };

/**
 * The places of the group, down the side: icons with their words, or icons alone (the rail) in a
 * narrow window. The words stay each link's name either way, and its tooltip on the rail.
 */
export const SideNav = ({ route, context, rail }: Props) => (
  <div className={rail ? 'side-column rail' : 'side-column'}>
    <nav id="main-nav" aria-label="Main" className={rail ? 'side rail' : 'side'}>
      {visibleLinks(context).map((l) => (
        <a
          key={l.path}
          href={`#${l.path}`}
          aria-current={l.active(route) ? 'page' : undefined}
          title={rail ? l.label : undefined}
        >
          <NavIcon name={l.icon} />
          <span className="nav-label">{l.label}</span>
        </a>
      ))}
    </nav>
  </div>
);
