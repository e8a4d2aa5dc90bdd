/**
 * Git bundles (versions 2 and 3): a header naming prerequisite commits and refs, then a pack.
 * `git bundle verify` and `git fetch` read the ones written here; bundles from `git bundle
 * create`, full or incremental (thin packs included), are read back.
 */
import { StewardError } from '../../../shared/errors';
import { REF, readHead, type Repo } from '../ledger/repo';
import { ancestors, objectsToSend, type ReadObject } from './graph';
import { writePack } from './pack';

export type Bundle = {
  version: 2 | 3;
  prerequisites: { oid: string; comment: string }[];
  refs: { oid: string; name: string }[];
  pack: Buffer;
};

const invalid = (detail: string): StewardError =>
  new StewardError('corrupt', `not a readable git bundle: ${detail}`);

export const parseBundle = (bytes: Buffer): Bundle => {
  const signature = /^# v([23]) git bundle\n/.exec(bytes.toString('latin1', 0, 20));
  if (!signature) throw invalid('it does not start with "# v2 git bundle" or "# v3 git bundle"');
  const version = Number(signature[1]) as 2 | 3;
  const bundle: Bundle = { version, prerequisites: [], refs: [], pack: Buffer.alloc(0) };
  let at = signature[0].length;
  for (;;) {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) throw invalid('its header never ends (truncated?)');
    const line = bytes.toString('utf8', at, end);
    at = end + 1;
    if (line === '') break;
    if (line.startsWith('@')) {
      // v3 capabilities: only SHA-1 repos, and no partial-clone filters, can be read here.
      if (/^@object-format=(?!sha1$)/.test(line) || line.startsWith('@filter'))
        throw invalid(`it needs ${line.slice(1)}, which Steward does not support`);
      continue;
    }
    const pre = /^-([0-9a-f]{40})(?: (.*))?$/.exec(line);
    if (pre) {
      bundle.prerequisites.push({ oid: pre[1]!, comment: pre[2] ?? '' });
      continue;
    }
    const ref = /^([0-9a-f]{40}) (\S+)$/.exec(line);
    if (!ref) throw invalid(`a header line reads ${JSON.stringify(line.slice(0, 80))}`);
    bundle.refs.push({ oid: ref[1]!, name: ref[2]! });
  }
  if (bundle.refs.length === 0) throw invalid('it names no refs');
  bundle.pack = bytes.subarray(at);
  return bundle;
};

/** The commit of a bundle to take: its `main`, else its HEAD, else its only ref. */
export const bundleTip = (bundle: Bundle): string => {
  const pick =
    bundle.refs.find((r) => r.name === REF) ??
    bundle.refs.find((r) => r.name === 'HEAD') ??
    (bundle.refs.length === 1 ? bundle.refs[0] : undefined);
  if (!pick) {
    throw new StewardError(
      'invalid-argument',
      `the bundle has no main branch (it holds ${bundle.refs.map((r) => r.name).join(', ')})`,
    );
  }
  return pick.oid;
};

/** The prerequisites this repo lacks. */
export const missingPrerequisites = async (repo: Repo, bundle: Bundle): Promise<string[]> => {
  const missing = [];
  for (const p of bundle.prerequisites) {
    if ((await repo.objects.read(p.oid))?.type !== 'commit') missing.push(p.oid);
  }
  return missing;
};

/**
 * A bundle of `main`: everything, or (with `since`) only what came after that commit, with the
 * commits it builds on named as prerequisites.
 */
export const createBundle = async (
  repo: Repo,
  since?: string,
): Promise<{ bytes: Buffer; head: string; objects: number; prerequisites: string[] }> => {
  const head = await readHead(repo);
  if (!head) throw new StewardError('not-found', 'the repo has no commits yet: nothing to bundle');
  const read: ReadObject = (oid) => repo.objects.readForSync(oid);
  const known = since ? await ancestors(read, [since]) : new Set<string>();
  const { objects, boundary } = await objectsToSend(
    read,
    [head],
    (oid) => known.has(oid),
    since ? [since] : [],
  );
  if (objects.length === 0) {
    throw new StewardError(
      'invalid-argument',
      `nothing to bundle: ${since!.slice(0, 12)} already has all of main`,
    );
  }
  const header = [
    '# v2 git bundle',
    ...boundary.map((oid) => `-${oid}`),
    `${head} ${REF}`,
    `${head} HEAD`,
    '',
    '',
  ].join('\n');
  const { pack } = writePack(objects);
  return {
    bytes: Buffer.concat([Buffer.from(header), pack]),
    head,
    objects: objects.length,
    prerequisites: boundary,
  };
};
