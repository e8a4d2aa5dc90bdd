/**
 * The checks `git fsck --strict` makes of each object, applied to everything that arrives before
 * it is stored (as git's `transfer.fsckObjects` does): a repo that takes a malformed object can
 * no longer pass fsck, and some git versions refuse to work with it. Statements that are merely
 * invalid (bad signature, non-member) are not refused here: they are kept and quarantined.
 * Tree entries' names meet the one rule for hostile names (`hostileNameReason`), which is git's
 * with its Windows and macOS protections always on, so no door takes a name that a checkout on
 * some peer's filesystem would turn into a path outside the repo or into git's own files.
 */
import { foldedName, hostileNameReason } from '../../../shared/format/paths';
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
  // A file and a folder of one name need not sit side by side ("a", "a.b", "a/"): a map finds
  // them. Its keys are folded as Windows and macOS fold names, where "A" and "a" are one file.
  const names = new Map<string, string>();
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
    // Invalid UTF-8 decodes to U+FFFD, which the rule refuses.
    const text = name.toString('utf8');
    const why = hostileNameReason(text);
    if (why)
      return { problem: `an entry is named ${JSON.stringify(text)}, which ${why}`, children };
    const key = foldedName(text);
    const seen = names.get(key);
    if (seen === text) return { problem: `${text} appears twice`, children };
    if (seen !== undefined)
      return {
        problem: `${JSON.stringify(seen)} and ${JSON.stringify(text)} differ only in case or Unicode form: one file on Windows and macOS`,
        children,
      };
    names.set(key, text);
    if (previous && compareNames(previous.name, previous.tree, name, tree) > 0)
      return { problem: 'its entries are out of order', children };
    previous = { name, tree };
    if (bytes.subarray(nul + 1, nul + 21).every((b) => b === 0))
      return { problem: `${text} points at the null id`, children };
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
