/**
 * The checkout's own guard against hostile paths, for what reached the repo without passing the
 * sync's checks: a hostile tree already in the object store, and the checkout journal of another
 * folder synced with. Either is refused before a file is written or `main` moves.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { integrate } from '../../electron/core/sync/integrate';
import type { ObjectType, PackedObject } from '../../electron/core/sync/pack';
import { hostileNames, hostileTrees, refusal } from '../helpers/hostile-trees';

const t = hostileTrees();
const { cli } = t;

const objectOf = (dir: string, oid: string): PackedObject => {
  const type = cli.ok(dir, ['cat-file', '-t', oid]) as ObjectType;
  return { oid, type, bytes: cli.run(dir, ['cat-file', type, oid]).bytes };
};

describe("the checkout's own guard", () => {
  it.each(hostileNames)(
    'refuses %j in a tree the repo already held, before main moves',
    async (name) => {
      const hostile = t.hostileRepo(name);
      const ours = t.copyOfBase('ours');
      // The hostile folder reached the store some other way (the git CLI): a sync does not check
      // again what the repo holds, so only the checkout stands between it and the work tree.
      const folder = cli.ok(hostile.dir, ['rev-parse', `${hostile.tip}:proposals`]);
      const blob = cli.ok(hostile.dir, ['ls-tree', '--object-only', folder]);
      for (const oid of [blob, folder]) {
        const o = objectOf(hostile.dir, oid);
        expect(cli.literally(ours, o.type, o.bytes)).toBe(oid);
      }
      const head = cli.ok(ours, ['rev-parse', 'refs/heads/main']);
      const tree = cli.ok(hostile.dir, ['rev-parse', `${hostile.tip}^{tree}`]);
      const incoming = new Map([hostile.tip, tree].map((oid) => [oid, objectOf(hostile.dir, oid)]));

      const error = await refusal(async () =>
        integrate((await Ledger.open(ours)).repo, incoming, hostile.tip),
      );
      expect(error.code).toBe('corrupt');
      expect(error.message).toContain(
        `refused to write ${JSON.stringify(`proposals/${name}`)} in the work tree`,
      );
      expect(cli.ok(ours, ['rev-parse', 'refs/heads/main'])).toBe(head);
      expect(existsSync(join(ours, 'proposals'))).toBe(false);
      for (const leftover of ['steward-checkout.json', 'index.lock', 'steward.lock'])
        expect(existsSync(join(ours, '.git', leftover)), leftover).toBe(false);
      expect(cli.ok(ours, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    },
  );

  // A checkout that "stopped midway" in the other folder, as its journal tells it.
  const journals: [string, (charter: string) => unknown, RegExp][] = [
    ['a path beside the repo', (oid) => [{ path: '../x', oid }], /^refused to write "\.\.\/x"/],
    [
      'a path Windows reads as beside the repo',
      (oid) => [{ path: '..\\x', oid }],
      /^refused to write "\.\.\\\\x"/,
    ],
    ['a path that is not a string', (oid) => [{ path: 5, oid }], /not paths and ids/],
    ['files that are not a list', () => 'x', /not paths and ids/],
  ];
  it.each(journals)(
    'refuses the journal of a folder synced with that names %s',
    async (_, files, message) => {
      const theirs = t.copyOfBase('theirs');
      const ours = t.copyOfBase('ours');
      const head = cli.ok(theirs, ['rev-parse', 'refs/heads/main']);
      const charter = cli.ok(theirs, ['rev-parse', `${head}:charter.json`]);
      const journal = { commit: head, files: files(charter) };
      writeFileSync(join(theirs, '.git', 'steward-checkout.json'), JSON.stringify(journal));
      const before = t.snapshot(ours);

      const error = await refusal(() => t.sync(ours, { route: 'folder', path: theirs }));
      expect(error.code).toBe('corrupt');
      expect(error.message).toMatch(message);
      expect(existsSync(join(t.root, 'x'))).toBe(false);
      expect(existsSync(join(theirs, '..\\x'))).toBe(false);
      expect(t.snapshot(ours)).toEqual(before);
    },
  );
});
