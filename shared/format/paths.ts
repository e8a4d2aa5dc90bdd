/**
 * Where each statement lives in the repo. The path is a function of the statement, so two peers
 * never write the same file with different content and a misfiled statement is detected.
 *
 *   charter.json                                  the genesis charter (the group's id)
 *   proposals/<p[0:2]>/<p>/proposal.json         a proposal, p = its id
 *   proposals/<p[0:2]>/<p>/<folder>/<id>.json    votes, consents, withdrawals, closes, certifications,
 *                                                 evidence
 *   rotations/<id>.json                           key rotations
 *   README.md                                     free text for people; not a statement
 */
import type { StatementType } from './kinds';

export const proposalFolders = {
  votes: 'vote',
  consents: 'consent',
  withdrawals: 'withdrawal',
  closes: 'close',
  certifications: 'certification',
  evidence: 'evidence',
} as const satisfies Record<string, StatementType>;

type Folder = keyof typeof proposalFolders;
const folderOf = Object.fromEntries(
  Object.entries(proposalFolders).map(([folder, type]) => [type, folder]),
) as Record<string, Folder>;

export const CHARTER_PATH = 'charter.json';
export const README_PATH = 'README.md';

export const proposalDir = (proposal: string): string =>
  `proposals/${proposal.slice(0, 2)}/${proposal}`;

/** The one path a statement of this type, id and proposal may have. */
export const statementPath = (type: StatementType, id: string, proposal?: string): string => {
  if (type === 'charter') return CHARTER_PATH;
  if (type === 'key-rotation') return `rotations/${id}.json`;
  if (type === 'proposal') return `${proposalDir(id)}/proposal.json`;
  if (!proposal) throw new Error(`a ${type} needs its proposal`);
  return `${proposalDir(proposal)}/${folderOf[type]}/${id}.json`;
};

export type PathInfo =
  | { kind: 'statement'; type: StatementType; id?: string; proposal?: string }
  | { kind: 'readme' }
  | { kind: 'bad-path' }
  | { kind: 'unexpected-file' };

const hex64 = /^[0-9a-f]{64}$/;
const jsonId = /^([0-9a-f]{64})\.json$/;

/**
 * A name as a case-insensitive, normalising filesystem compares it (NTFS, HFS+, APFS): two names
 * that fold alike are one file there, whatever git makes of them.
 */
export const foldedName = (name: string): string =>
  // ASCII names, nearly all of them, need no normalising.
  /^[\x20-\x7e]*$/.test(name) ? name.toLowerCase() : name.normalize('NFC').toLowerCase();

/**
 * Why a tree entry's name is hostile, or undefined for a name a checkout may write. One rule for
 * every door (push, fetch, bundle, folder, clone), for reading and for the work tree's writes:
 * git's `verify_path` and `fsck` rules with Windows' and macOS's protections always on, since a
 * ledger written on Linux is checked out on Windows. Honest trees hold hex ids, `.json`,
 * `charter.json`, `README.md` and a few folder names, so the rule can afford to be strict.
 */
const hostileRules: readonly (readonly [RegExp, string])[] = [
  [/^\.\.?$/, 'is . or ..'],
  // On Windows a backslash separates folders as a slash does: `..\x` climbs out of the repo.
  [/[/\\]/, 'holds a path separator'],
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  [/[\0-\x1f\x7f]/, 'holds a control character'],
  // Windows refuses them; a colon names an NTFS alternate data stream (`.git::$INDEX_ALLOCATION`).
  [/[<>:"|?*]/, 'holds a character Windows forbids (< > : " | ? *)'],
  // Windows drops them: `.git.` and `.git ` are `.git`, `charter.json.` is `charter.json`.
  [/[. ]$/, 'ends in a dot or a space, which Windows drops'],
  // HFS+ skips these when it compares names, so `.g\u200cit` is `.git` on a Mac.
  [/[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/, 'holds a character HFS+ ignores'],
  // What invalid UTF-8 decodes to: two different names would read as one.
  [/\ufffd/, 'is not valid UTF-8'],
  // `.git`, `.gitmodules`, `.gitattributes`, in any case (case-insensitive filesystems).
  [/^\.git/i, "is one of git's own names (.git…)"],
  // NTFS 8.3 short names (`GIT~1` is `.git`, `PROPOS~1` is `proposals`).
  [/~\d/, 'looks like an NTFS short name (git~1)'],
  [
    /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]) *(\.|$)/i,
    'is a Windows device name (con, nul, com1…)',
  ],
];

// Nearly every name of a ledger: lower-case ASCII that neither starts nor ends with a dot and
// cannot begin a device name. Such a name breaks none of the rules above.
const plainName = /^[0-9a-z_-][0-9a-z._-]*(?<!\.)$/;
const deviceStart = /^(con|prn|aux|nul|com|lpt)/;

export const hostileNameReason = (name: string): string | undefined => {
  if (plainName.test(name) && !deviceStart.test(name)) return undefined;
  if (name === '') return 'is empty';
  for (const [pattern, why] of hostileRules) if (pattern.test(name)) return why;
  return undefined;
};

/** A name no honest tree holds (see `hostileNameReason`). */
export const isHostileName = (name: string): boolean => hostileNameReason(name) !== undefined;

/** Why a `/`-separated path is hostile (its first hostile component), or undefined. */
export const hostilePathReason = (path: string): string | undefined => {
  for (const part of path.split('/')) {
    const why = hostileNameReason(part);
    if (why) return `${JSON.stringify(part)} ${why}`;
  }
  return undefined;
};

export const classifyPath = (path: string): PathInfo => {
  const parts = path.split('/');
  if (parts.some(isHostileName)) return { kind: 'bad-path' };
  if (path === CHARTER_PATH) return { kind: 'statement', type: 'charter' };
  if (path === README_PATH) return { kind: 'readme' };
  const [top, a, b, c, d, e] = parts;
  if (top === 'rotations' && parts.length === 2) {
    const m = jsonId.exec(a!);
    return m ? { kind: 'statement', type: 'key-rotation', id: m[1] } : { kind: 'unexpected-file' };
  }
  if (top !== 'proposals' || !b || !hex64.test(b) || b.slice(0, 2) !== a) {
    return { kind: 'unexpected-file' };
  }
  if (parts.length === 4 && c === 'proposal.json') {
    return { kind: 'statement', type: 'proposal', id: b };
  }
  const type =
    c !== undefined && Object.hasOwn(proposalFolders, c) ? proposalFolders[c as Folder] : undefined;
  const m = d === undefined ? null : jsonId.exec(d);
  if (parts.length === 5 && type && m && e === undefined) {
    return { kind: 'statement', type, id: m[1], proposal: b };
  }
  return { kind: 'unexpected-file' };
};
