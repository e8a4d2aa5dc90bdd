/**
 * A member proof over HTTP, the client's side: a fresh challenge from a peer's `steward serve`,
 * signed for the origin the client dialled and the group (sync/proof.ts).
 */
import { StewardError } from '../../../shared/errors';
import { checkFile } from '../../../shared/format/check';
import { CHARTER_PATH } from '../../../shared/format/paths';
import { nodeCrypto } from '../crypto';
import { readBlobAt, readHead, type Repo } from '../ledger/repo';
import { entryAt } from '../ledger/tree';
import { mayCarryCredentials } from './credential-rule';
import { CHALLENGE_PATH, makeProof, originOf, readChallenge } from './proof';
import type { HttpAuth } from './remote-http';

const challengeUrl = (url: string): string => {
  const base = new URL(url);
  base.username = '';
  base.password = '';
  base.pathname = base.pathname.replace(/\/?$/, '') + CHALLENGE_PATH;
  return base.toString();
};

/**
 * A fresh challenge from a Steward peer, with the group it holds and the origin the proof must
 * name (`url`'s, as dialled: never one the server reports); undefined when the server is not one.
 */
export const fetchChallenge = async (
  url: string,
): Promise<{ origin: string; group: string; challenge: string } | undefined> => {
  const origin = originOf(url);
  let response: Response;
  try {
    response = await fetch(challengeUrl(url));
  } catch (error) {
    throw new StewardError('network', `cannot reach ${new URL(url).host}: ${String(error)}`);
  }
  if (!response.ok) return undefined;
  const read = readChallenge(await response.json().catch(() => undefined));
  return read && { origin, ...read };
};

/** The repo's group: the id of the charter on its main; undefined while it has none. */
const groupOf = async (repo: Repo): Promise<string | undefined> => {
  const head = await readHead(repo);
  const entry = head && (await entryAt(repo, head, CHARTER_PATH));
  if (!entry) return undefined;
  const bytes = await readBlobAt(repo, entry.oid);
  const file = { path: CHARTER_PATH, mode: entry.mode, size: bytes.length, bytes };
  const checked = checkFile(file, nodeCrypto);
  return checked.ok === true ? checked.id : undefined;
};

/**
 * The onAuth isomorphic-git calls on a 401: configured credentials, else a signed challenge. A
 * repo that holds a group signs only for it: a server holding another gets no proof.
 */
export const authFor = (url: string, auth: HttpAuth, repo?: Repo) => {
  let tries = 0;
  return async (): Promise<{ username?: string; password?: string; cancel?: boolean }> => {
    if (++tries > 2) return { cancel: true };
    // A forge's token goes only where it cannot be read on the way (credential-rule.ts).
    if (auth.credentials && mayCarryCredentials(url)) return auth.credentials;
    const signer = await auth.signer?.();
    if (!signer) return { cancel: true };
    const target = await fetchChallenge(url);
    if (!target) return { cancel: true };
    const ours = repo && (await groupOf(repo));
    if (ours && ours !== target.group)
      throw new StewardError(
        'sync-refused',
        `${new URL(url).host} holds group ${target.group.slice(0, 12)}, not this repo's (${ours.slice(0, 12)}): no member proof was signed for it`,
        { group: target.group, ours },
      );
    return makeProof(signer, target);
  };
};
