/**
 * The checks `git fsck --strict` makes of each object, applied to everything that arrives before
 * it is stored (as git's `transfer.fsckObjects` does): a repo that takes a malformed object can
 * no longer pass fsck, and some git versions refuse to work with it. Statements that are merely
 * invalid (bad signature, non-member) are not refused here: they are kept and quarantined.
 */
import type { PackedObject } from './pack';

// A date as git writes it: no leading zeros, and it must fit in a signed 64-bit time.
const ident = /^[^<>\n]* <[^<>\n]*> (0|[1-9]\d{0,19}) [+-]\d{4}$/;
const validIdent = (text: string): boolean => {
  const m = ident.exec(text);
  return m !== null && BigInt(m[1]!) < 2n ** 63n;
};

const checkCommit = (bytes: Buffer): string | undefined => {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\n\n');
  if (text.slice(0, end < 0 ? text.length : end).includes('\0')) return 'a header holds a NUL';
  const lines = (end < 0 ? text : text.slice(0, end)).split('\n');
  let i = 0;
  if (!/^tree [0-9a-f]{40}$/.test(lines[i++] ?? '')) return 'its tree line is malformed';
  while (lines[i]?.startsWith('parent ')) {
    if (!/^parent [0-9a-f]{40}$/.test(lines[i++]!)) return 'a parent line is malformed';
  }
  const author = lines[i++] ?? '';
  if (!author.startsWith('author ') || !validIdent(author.slice(7)))
    return 'its author is malformed';
  const committer = lines[i] ?? '';
  if (!committer.startsWith('committer ') || !validIdent(committer.slice(10)))
    return 'its committer is malformed';
  if (end < 0 && text.length > 0 && !text.endsWith('\n')) return 'its header does not end';
  return undefined;
};

const modes = new Set(['100644', '100755', '120000', '40000', '160000']);

/** `.git` in any case, and the short names Windows and macOS filesystems would read as it. */
const dotGit = (name: string): boolean => {
  const n = name.toLowerCase().replace(/[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g, '');
  return n === '.git' || n === 'git~1' || /^\.git[. ]+$/.test(n);
};

const SLASH = 0x2f;

/** Git's order of two entry names: bytewise, a subtree's name as if it ended in "/". */
const compareNames = (a: Buffer, aTree: boolean, b: Buffer, bTree: boolean): number => {
  const n = Math.min(a.length, b.length);
  const c = Buffer.compare(a.subarray(0, n), b.subarray(0, n));
  if (c !== 0) return c;
  const x = a.length > n ? a[n]! : aTree ? SLASH : -1;
  const y = b.length > n ? b[n]! : bTree ? SLASH : -1;
  return x - y;
};

const checkTree = (
  bytes: Buffer,
): { problem?: string; children: { oid: string; mode: string }[] } => {
  const children: { oid: string; mode: string }[] = [];
  let previous: { name: Buffer; tree: boolean } | undefined;
  // A file and a folder of one name need not sit side by side ("a", "a.b", "a/"): a set finds them.
  const names = new Set<string>();
  let i = 0;
  while (i < bytes.length) {
    const space = bytes.indexOf(0x20, i);
    const nul = bytes.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > bytes.length)
      return { problem: 'it is truncated', children };
    const mode = bytes.toString('latin1', i, space);
    if (!modes.has(mode)) return { problem: `an entry has mode ${mode}`, children };
    const name = bytes.subarray(space + 1, nul);
    const tree = mode === '40000';
    // Only names that could be special are decoded: everything else is a plain file name.
    const special = name[0] === 0x2e || name[0] === 0x67 || name[0] === 0x47;
    const text = special ? name.toString('utf8').toLowerCase() : '';
    if (
      name.length === 0 ||
      name.includes(SLASH) ||
      text === '.' ||
      text === '..' ||
      (special && dotGit(text))
    )
      return { problem: `an entry is named ${JSON.stringify(name.toString('utf8'))}`, children };
    const key = name.toString('latin1');
    if (names.has(key)) return { problem: `${name.toString('utf8')} appears twice`, children };
    names.add(key);
    if (previous && compareNames(previous.name, previous.tree, name, tree) > 0)
      return { problem: 'its entries are out of order', children };
    previous = { name, tree };
    // A ledger has no submodules, so it has no use for the file that configures them.
    if (text === '.gitmodules') return { problem: 'it holds a .gitmodules file', children };
    if (bytes.subarray(nul + 1, nul + 21).every((b) => b === 0))
      return { problem: `${name.toString('utf8')} points at the null id`, children };
    children.push({ oid: bytes.toString('hex', nul + 1, nul + 21), mode });
    i = nul + 21;
  }
  return { children };
};

export type FsckResult = { problem?: string; links: string[] };

/** What is wrong with an object, if anything, and the objects it points to. */
export const fsckObject = (object: PackedObject): FsckResult => {
  switch (object.type) {
    case 'commit': {
      const problem = checkCommit(object.bytes);
      if (problem) return { problem, links: [] };
      const head = object.bytes.toString('latin1', 0, object.bytes.indexOf('\n\n'));
      const links = [...head.matchAll(/^(?:tree|parent) ([0-9a-f]{40})$/gm)].map((m) => m[1]!);
      return { links };
    }
    case 'tree': {
      const { problem, children } = checkTree(object.bytes);
      if (problem) return { problem, links: [] };
      if (children.some((c) => c.mode === '160000'))
        return { problem: 'it holds a submodule, which a ledger never has', links: [] };
      return { links: children.map((c) => c.oid) };
    }
    case 'blob':
      return { links: [] };
    case 'tag':
      return { problem: 'a tag object has no place in a ledger', links: [] };
  }
};
