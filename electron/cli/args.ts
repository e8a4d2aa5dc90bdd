/** Reading the command line's values: members, owners, files, founders, poll choices. */
import { StewardError } from '../../shared/errors';
import type { DerivedState } from '../../shared/derive/state';
import type { ModelFile, Share } from '../../shared/format/types';
import { findMember } from '../core/governance/resolve';

const bad = (message: string): never => {
  throw new StewardError('invalid-argument', message);
};

/** A member by id or unique id prefix (6+ hex), or by exact name when that is unique. */
export const memberArg = (state: DerivedState, text: string): string => {
  const wanted = text.trim();
  if (/^[0-9a-f]{6,64}$/i.test(wanted)) return findMember(state, wanted).id;
  const byName = state.members.filter((m) => m.name.toLowerCase() === wanted.toLowerCase());
  if (byName.length === 1) return byName[0]!.id;
  if (byName.length > 1) {
    throw new StewardError(
      'ambiguous-id',
      `${byName.length} members are named "${wanted}": use an id`,
    );
  }
  throw new StewardError('not-found', `no member is named "${wanted}" (or give a member id)`);
};

const split = (text: string, sep: string, what: string): [string, string] => {
  const at = text.lastIndexOf(sep);
  if (at <= 0 || at === text.length - 1) bad(`expected ${what}, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
};

export const sharesArg = (text: string): number => {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1)
    bad(`shares must be a whole number ≥ 1, got "${text}"`);
  return n;
};

export const ownersArg = (state: DerivedState, values: string[]): Share[] =>
  values.map((v) => {
    const [member, shares] = split(v, '=', 'MEMBER=SHARES');
    return { member: memberArg(state, member), shares: sharesArg(shares) };
  });

export const filesArg = (values: string[] | undefined): ModelFile[] | undefined =>
  values?.map((v) => {
    const [path, sha256] = split(v, '=', 'PATH=SHA256');
    if (!/^[0-9a-f]{64}$/i.test(sha256)) bad(`"${sha256}" is not a SHA-256 (64 hex characters)`);
    return { path, sha256: sha256.toLowerCase() };
  });

export const founderArg = (text: string): { key: string; name: string } => {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) bad(`expected PUBLICKEY:NAME, got "${text}"`);
  return { key: text.slice(0, at), name: text.slice(at + 1) };
};

/** Poll choices by option text, by number (1 = the first option) or by letter (A = the first). */
export const choiceArg = (options: string[], text: string): number[] =>
  text
    .split(',')
    .map((raw) => raw.trim())
    .filter(Boolean)
    .map((c) => {
      const byText = options.findIndex((o) => o.toLowerCase() === c.toLowerCase());
      if (byText >= 0) return byText;
      if (/^\d+$/.test(c) && Number(c) >= 1 && Number(c) <= options.length) return Number(c) - 1;
      if (/^[A-Za-z]$/.test(c) && c.toUpperCase().charCodeAt(0) - 65 < options.length)
        return c.toUpperCase().charCodeAt(0) - 65;
      return bad(`"${c}" is not an option: ${options.map((o, i) => `${i + 1}. ${o}`).join(', ')}`);
    });

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
