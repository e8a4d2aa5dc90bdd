/**
 * The real `git lfs` client against `steward serve`: a plain clone of the peer's URL with a path
 * finds the LFS endpoint by itself (no `lfs.url`), pulls the files a registered version lists,
 * and a member pushes them, through `steward credential`, to a peer that lacks them; a non-member
 * is refused, and so is a file no version lists.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli';
import { firstJsonLine, startSteward } from '../helpers/steward-process';
import { gitOk, isolatedGitEnv, runGit } from '../helpers/git-remote';
import { lfsServed, sha256, type LfsServed } from '../helpers/lfs-served';

const pointer = (oid: string, size: number): string =>
  `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`;

describe('the git lfs client against steward serve', () => {
  let s: LfsServed;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    s = await lfsServed();
    env = isolatedGitEnv(join(s.g.root, 'git-home'));
    await gitOk(s.g.root, ['lfs', 'install', '--skip-repo'], env);
  });
  afterAll(() => s?.close());

  /** Pointer files naming the tiny BERT's files, committed as git-lfs would. */
  const commitPointers = async (cwd: string): Promise<void> => {
    writeFileSync(join(cwd, '.gitattributes'), 'weights/** filter=lfs diff=lfs merge=lfs -text\n');
    for (const f of s.g.imported.bert) {
      mkdirSync(join(cwd, 'weights', f.path, '..'), { recursive: true });
      writeFileSync(join(cwd, 'weights', f.path), pointer(f.sha256, f.size));
    }
    await gitOk(cwd, ['add', '.gitattributes', 'weights'], env);
    await gitOk(cwd, ['commit', '-q', '-m', 'The tiny BERT, as LFS pointers'], env);
  };

  /** `git -c credential.helper=<steward credential> ARGS` as the person whose home is `home`. */
  const asPerson = (home: string, cwd: string, ...args: string[]) =>
    runGit(
      cwd,
      [
        '-c',
        'credential.helper=',
        '-c',
        `credential.helper=!'${process.execPath}' '${CLI}' credential`,
        ...args,
      ],
      { ...env, STEWARD_HOME: home, STEWARD_PASSPHRASE: 'correct horse battery' },
    );

  it('pulls a registered version’s files into a clone of the peer’s URL with a path', async () => {
    dir = join(s.g.root, 'clone');
    const url = `${s.holder.url}/group`;
    await gitOk(s.g.root, ['clone', url, dir], env);
    const lfsEnv = await gitOk(dir, ['lfs', 'env'], env);
    expect(lfsEnv).toContain(`Endpoint=${url}.git/info/lfs (auth=none)`);
    expect((await runGit(dir, ['config', '--get', 'lfs.url'], env)).status).toBe(1);

    await commitPointers(dir);

    const pulled = await runGit(dir, ['lfs', 'pull'], env);
    expect(`${pulled.status} ${pulled.stderr}`).toMatch(/^0 /);
    for (const f of s.g.imported.bert) {
      const bytes = readFileSync(join(dir, 'weights', f.path));
      expect(bytes.equals(readFileSync(join(s.g.bertDir, f.path))), f.path).toBe(true);
    }
    expect(s.events.filter((e) => e.type === 'lfs-download')).toHaveLength(
      s.g.imported.bert.length,
    );
  });

  it('refuses a push by a non-member', async () => {
    await gitOk(dir, ['remote', 'add', 'empty', `${s.empty.url}/group`], env);
    const r = await asPerson(s.carolHome, dir, 'lfs', 'push', '--all', 'empty');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/not a member|Authori[sz]ation/i);
    for (const f of s.g.imported.bert)
      expect(existsSync(s.emptyStore.blobPath(f.sha256))).toBe(false);
  });

  it('takes a member’s push through steward credential, checked, into the peer’s store', async () => {
    const r = await asPerson(s.g.home, dir, 'lfs', 'push', '--all', 'empty');
    expect(`${r.status} ${r.stderr}`).toMatch(/^0 /);
    expect(r.stderr).not.toMatch(/locking API/);
    for (const f of s.g.imported.bert) {
      const kept = readFileSync(s.emptyStore.blobPath(f.sha256));
      expect(sha256(kept), f.path).toBe(f.sha256);
    }
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: 'lfs-upload', member: s.alice.id }),
    );
  });

  it('refuses a pushed file no registered version lists', async () => {
    writeFileSync(join(dir, 'weights', 'extra.bin'), 'weights no one approved\n');
    await gitOk(dir, ['add', 'weights/extra.bin'], env);
    await gitOk(dir, ['commit', '-q', '-m', 'An unapproved file'], env);
    const oid = sha256('weights no one approved\n');
    expect(readFileSync(join(dir, 'weights', 'extra.bin'), 'utf8')).toContain('no one approved');
    const r = await asPerson(s.g.home, dir, 'lfs', 'push', '--object-id', 'empty', oid);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/approved/);
    expect(existsSync(s.emptyStore.blobPath(oid))).toBe(false);
    const all = await asPerson(s.g.home, dir, 'lfs', 'push', '--all', 'empty');
    expect(all.status).not.toBe(0);
    expect(existsSync(s.emptyStore.blobPath(oid))).toBe(false);
  });

  it('prints a clone URL with which git lfs finds the endpoint of steward serve itself', async () => {
    const started = startSteward(['serve', '--no-ui', '--repo', s.g.repo, '--json'], s.g.env());
    try {
      const { url, clone } = await firstJsonLine<{ url: string; clone: string }>(started, 'serve');
      expect(clone).toBe(`${url}/group`);
      const cloned = join(s.g.root, 'from-cli');
      await gitOk(s.g.root, ['clone', clone, cloned], env);
      expect(await gitOk(cloned, ['lfs', 'env'], env)).toContain(
        `Endpoint=${clone}.git/info/lfs (auth=none)`,
      );
      await commitPointers(cloned);
      const pulled = await runGit(cloned, ['lfs', 'pull'], env);
      expect(`${pulled.status} ${pulled.stderr}`).toMatch(/^0 /);
      for (const f of s.g.imported.bert) {
        const bytes = readFileSync(join(cloned, 'weights', f.path));
        expect(sha256(bytes), f.path).toBe(f.sha256);
      }
    } finally {
      started.child.kill('SIGTERM');
    }
    const done = await started.done;
    const events = done.stdout
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: { type: string; oid?: string } });
    const sent = events.filter((e) => e.event.type === 'lfs-download').map((e) => e.event.oid);
    expect(sent.sort()).toEqual(s.g.imported.bert.map((f) => f.sha256).sort());
  });

  it('pulls from a members-only peer as a member through steward credential, and not as another', async () => {
    const clone = join(s.g.root, 'members');
    const cloned = await asPerson(s.g.home, s.g.root, 'clone', `${s.membersOnly.url}/group`, clone);
    expect(`${cloned.status} ${cloned.stderr}`).toMatch(/^0 /);
    await commitPointers(clone);
    const refused = await asPerson(s.carolHome, clone, 'lfs', 'pull');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/not a member/);
    const pulled = await asPerson(s.g.home, clone, 'lfs', 'pull');
    expect(`${pulled.status} ${pulled.stderr}`).toMatch(/^0 /);
    for (const f of s.g.imported.bert) {
      expect(sha256(readFileSync(join(clone, 'weights', f.path))), f.path).toBe(f.sha256);
    }
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: 'lfs-download', member: s.alice.id }),
    );
  });
});
