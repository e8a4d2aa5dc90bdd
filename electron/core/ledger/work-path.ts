/**
 * Where a tree's path lands in a work tree, refused if it would land anywhere else. Sync refuses
 * hostile names before it stores anything, but a tree can reach the repo by other ways (the git
 * CLI, an object already in the store, a checkout journal in a folder synced with), so the writes
 * of a checkout check again: the one rule for names, then containment, resolved by the path
 * module of the platform that writes (`path.win32` reads `\` as a separator, `path.posix` not).
 */
import * as nodePath from 'node:path';
import { StewardError } from '../../../shared/errors';
import { hostilePathReason } from '../../../shared/format/paths';

export type PathModule = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

const refuse = (path: string, why: string): never => {
  throw new StewardError(
    'corrupt',
    `refused to write ${JSON.stringify(path)} in the work tree: ${why}`,
    { path },
  );
};

/** Throws unless every component of the `/`-separated `path` is a name a checkout may write. */
export const checkTreePath = (path: string): void => {
  const why = hostilePathReason(path);
  if (why) refuse(path, why);
};

/** `path` resolved under `root`, or a refusal if it resolves to `root` itself or outside it. */
export const containedPath = (root: string, path: string, p: PathModule = nodePath): string => {
  const base = p.resolve(root);
  const file = p.resolve(base, ...path.split('/'));
  const rel = p.relative(base, file);
  const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel);
  return inside ? file : refuse(path, `it resolves to ${file}, outside ${base}`);
};

/** Where a checkout writes `path` under `root`: the name rule, then containment. */
export const workTreePath = (root: string, path: string, p: PathModule = nodePath): string => {
  checkTreePath(path);
  return containedPath(root, path, p);
};
