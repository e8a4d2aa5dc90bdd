/**
 * Home's lists of what can be done now: closes to certify, transfers waiting for their giver's
 * consent, proposals ready to close. Each item links to its proposal page, where it is done.
 */
import type { DerivedState } from '../../shared/derive/state';
import { progressText } from '../proposals/certification';
import { awaitsConsent, consentText, waitingText } from '../proposals/consent';
import { outcomeText, provisionalMeaning } from '../proposals/outcome';
import type { Summary } from './home-lists';

type Props = { summary: Summary; state: DerivedState; me: string | undefined };

export const ActionLists = ({ summary, state, me }: Props) => (
  <>
    {summary.certify.length > 0 && (
      <>
        <h2 id="home-certify-heading">
          <a href={`#/proposals/${summary.certify[0]!.id}`}>Needs your certification</a>
        </h2>
        <p className="muted">
          These closes are{' '}
          <abbr title={provisionalMeaning} tabIndex={0}>
            provisional
          </abbr>
          : counted, but not final until members holding more than half of the weight certify them.
        </p>
        <ul data-testid="home-certify" aria-labelledby="home-certify-heading">
          {summary.certify.map((p) => (
            <li key={p.id}>
              <a href={`#/proposals/${p.id}`}>{p.title}</a>{' '}
              <span className="muted">
                {outcomeText(p, state)} · {progressText(p, state)}
              </span>
            </li>
          ))}
        </ul>
      </>
    )}
    {summary.consent.length > 0 && (
      <>
        <h2>Waiting for consent</h2>
        <ul data-testid="home-consent">
          {summary.consent.map((p) => {
            const t = awaitsConsent(p)!;
            return (
              <li key={p.id}>
                <a href={`#/proposals/${p.id}`}>{p.title}</a>{' '}
                <span className={t.from === me ? undefined : 'muted'}>
                  {t.from === me ? `${consentText(t, state)}?` : waitingText(t, state)}
                </span>
              </li>
            );
          })}
        </ul>
      </>
    )}
    {summary.ready.length > 0 && (
      <>
        <h2>Ready to close</h2>
        <ul data-testid="home-ready">
          {summary.ready.map((p) => (
            <li key={p.id}>
              <span className="flag flag-ready">Ready to close</span>{' '}
              <a href={`#/proposals/${p.id}`}>{p.title}</a>{' '}
              <span className="muted">
                {p.closable ? 'its deadline passed' : 'everyone voted'}
                {awaitsConsent(p)?.required ? `; ${waitingText(awaitsConsent(p)!, state)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </>
    )}
  </>
);
