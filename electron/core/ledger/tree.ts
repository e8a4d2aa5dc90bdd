/**
 * A tolerant reader of git tree objects. isomorphic-git's own parser throws on names a hostile
 * peer may plant (`..`, `.git`, names with slashes, unknown modes), which would stop the whole
 * ledger from loading; here every entry is returned as it is, for verification to judge.
 */
import { readCommitTree, type Repo } from './repo';

export type RawEntry = { mode: string; name: string; oid: string };

const decoder = new TextDecoder('utf-8', { fatal: false });

const isAscii = (bytes: Buffer, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (bytes[i]! >= 0x80) return false;
  return true;
};

/** Parses a tree's bytes; undefined when they are not a well-formed tree. */
export const parseTree = (raw: Uint8Array): RawEntry[] | undefined => {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  const entries: RawEntry[] = [];
  let i = 0;
  while (i < bytes.length) {
    const space = bytes.indexOf(0x20, i);
    const nul = bytes.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > bytes.length) return undefined;
    if (space - i < 5 || space - i > 6) return undefined;
    for (let k = i; k < space; k++) if (bytes[k]! < 0x30 || bytes[k]! > 0x37) return undefined;
    const mode = bytes.toString('latin1', i, space);
    // Names are nearly always ASCII, which latin1 decodes exactly and fastest.
    const name = isAscii(bytes, space + 1, nul)
      ? bytes.toString('latin1', space + 1, nul)
      : decoder.decode(bytes.subarray(space + 1, nul));
    entries.push({
      mode: mode.length === 5 ? `0${mode}` : mode,
      name,
      oid: bytes.toString('hex', nul + 1, nul + 21),
    });
    i = nul + 21;
  }
  return entries;
};

export type RawObject = { type: string; bytes: Uint8Array } | undefined;

/** Reads any object's type and content; undefined when it is not in the repo. */
export const readRaw = (repo: Repo, oid: string): Promise<RawObject> => repo.objects.read(oid);

const parsed = new WeakMap<Repo, Map<string, RawEntry[] | undefined>>();

/**
 * A tree's entries, or undefined when `oid` is missing or is not a well-formed tree. Parsed trees
 * are kept per repo: the same large trees (the root, `proposals/`) are read for every basis.
 */
export const readTreeEntries = async (repo: Repo, oid: string): Promise<RawEntry[] | undefined> => {
  let trees = parsed.get(repo);
  if (!trees) parsed.set(repo, (trees = new Map<string, RawEntry[] | undefined>()));
  if (trees.has(oid)) return trees.get(oid);
  const raw = await readRaw(repo, oid);
  // Not cached when missing: a sync may bring it later.
  if (!raw) return undefined;
  const entries = raw?.type === 'tree' ? parseTree(raw.bytes) : undefined;
  if (trees.size > 100_000) trees.clear();
  trees.set(oid, entries);
  return entries;
};

/** The entry at `path` in a commit's tree, or undefined when there is none. */
export const entryAt = async (
  repo: Repo,
  commit: string,
  path: string,
): Promise<RawEntry | undefined> => {
  let tree = await readCommitTree(repo, commit);
  const parts = path.split('/');
  for (const [i, name] of parts.entries()) {
    const entry = tree
      ? (await readTreeEntries(repo, tree))?.find((e) => e.name === name)
      : undefined;
    if (!entry || i === parts.length - 1) return entry;
    tree = entry.mode === '040000' ? entry.oid : undefined;
  }
  return undefined;
};
