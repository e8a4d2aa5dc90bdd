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

/** A name no honest tree holds: traversal, separators, control characters, or git's own names. */
export const isHostileName = (name: string): boolean =>
  name === '' ||
  name === '.' ||
  name === '..' ||
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  /[/\\\0-\x1f\x7f]/.test(name) ||
  /^\.git/i.test(name);

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
