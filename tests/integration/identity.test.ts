import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishRotation } from '../../electron/core/governance/rotate';
import { Keystore } from '../../electron/core/identity/keystore';
import { Ledger } from '../../electron/core/ledger/ledger';
import { git, Person, steward, tempDir } from '../helpers/cli';

type Id = { id: string; name: string; publicKey: string };
const T = '2026-03-01T00:00:00.000Z';

describe('identity', () => {
  it('never writes the private key in plaintext, and refuses a wrong passphrase clearly', async () => {
    const home = tempDir();
    const keystore = new Keystore(home);
    await keystore.create('Alice', 'a long passphrase', new Date(T));
    const signer = await keystore.unlock('a long passphrase');
    // The seed only exists inside the signer's closure: prove it signs, then look for it on disk.
    expect(signer.sign(new Uint8Array([1, 2, 3]))).toMatch(/^[A-Za-z0-9_-]{86}$/);
    const files = readdirSync(home).map((f) => readFileSync(join(home, f)));
    const file = JSON.parse(files[0]!.toString()) as { sealed: Record<string, unknown> };
    expect(Object.keys(file.sealed).sort()).toEqual([
      'N',
      'cipher',
      'data',
      'iv',
      'kdf',
      'p',
      'r',
      'salt',
      'tag',
    ]);
    expect(JSON.stringify(signer)).not.toContain(file.sealed.data as string);
    await expect(keystore.unlock('wrong passphrase')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    const r = steward(['identity', 'show', '--json'], { STEWARD_HOME: home });
    expect(r.json).toMatchObject({ name: 'Alice', id: signer.id, publicKey: signer.publicKey });
    expect(r.stdout).not.toMatch(/sealed|seed|private/);
  });

  it.each([
    [['identity', 'show'], {}, 'no-identity'],
    [['init', 'x', '--name', 'G'], { STEWARD_PASSPHRASE: 'wrong passphrase!' }, 'wrong-passphrase'],
    [['init', 'x', '--name', 'G'], { STEWARD_PASSPHRASE: undefined }, 'passphrase-required'],
    [['identity', 'create', '--name', 'Again'], {}, 'identity-exists'],
  ] as const)('fails %j with %s, one line, no stack trace', async (args, extra, code) => {
    const home = tempDir();
    if (code !== 'no-identity')
      await new Keystore(home).create('Alice', 'a long passphrase', new Date(T));
    const env: Record<string, string> = {
      STEWARD_HOME: home,
      STEWARD_PASSPHRASE: 'a long passphrase',
    };
    for (const [k, v] of Object.entries(extra)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const json = steward([...args, '--json'], env, home);
    expect(json.status).toBe(1);
    expect(json.json).toMatchObject({ error: { code } });
    const human = steward([...args], env, home);
    expect(human.stderr.trim().split('\n')).toHaveLength(1);
    expect(human.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('rotates a key through a statement signed with the old one; only the new key signs from then on', () => {
    const root = tempDir();
    const repo = join(root, 'g');
    const alice = new Person(join(root, 'alice'), repo);
    const before = alice.json<Id>(T, 'identity', 'create', '--name', 'Alice');
    expect(steward(['init', repo, '--name', 'G', '--json'], alice.env(T)).status).toBe(0);
    const rotated = alice.json<Id & { rotation: string }>(
      '2026-03-02T00:00:00.000Z',
      'identity',
      'rotate',
    );
    expect(rotated).toMatchObject({ id: before.id, name: 'Alice' });
    expect(rotated.publicKey).not.toBe(before.publicKey);
    expect(alice.json<Id[]>('2026-03-02T01:00:00.000Z', 'members')).toEqual([
      expect.objectContaining({ id: before.id, publicKey: rotated.publicKey }),
    ]);
    const p = alice.json<{ id: string }>(
      '2026-03-03T00:00:00.000Z',
      'propose',
      'resolution',
      '--title',
      'After the rotation',
    );
    expect(alice.json<{ status: string }>('2026-03-03T00:00:00.000Z', 'show', p.id).status).toBe(
      'open',
    );
    expect(alice.json('2026-03-03T00:00:00.000Z', 'verify', '--strict')).toMatchObject({
      ok: true,
      statements: 3,
    });
    expect(git(repo, 'log', '--format=%s')).toContain('rotate the key of Alice');
  });

  it('founds a group with three founders once each has signed the charter', () => {
    const root = tempDir();
    const repo = join(root, 'g');
    const [a, b, c] = ['a', 'b', 'c'].map((n) => new Person(join(root, n), repo));
    const ids = [a!, b!, c!].map((p, i) => p.json<Id>(T, 'identity', 'create', '--name', `F${i}`));
    const drafted = steward(
      [
        'init',
        repo,
        '--name',
        'Three',
        '--member',
        `${ids[1]!.publicKey}:Bea`,
        '--member',
        `${ids[2]!.publicKey}:Cy`,
        '--json',
      ],
      a!.env(T),
    );
    expect(drafted.json).toMatchObject({ pending: [{ name: 'Bea' }, { name: 'Cy' }] });
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(a!.run(T, 'members', '--json').json).toMatchObject({ error: { code: 'not-a-repo' } });
    expect(b!.json(T, 'charter', 'sign')).toMatchObject({ pending: [{ name: 'Cy' }] });
    const done = c!.json<{ group: string; pending: unknown[] }>(T, 'charter', 'sign');
    expect(done.pending).toEqual([]);
    expect(
      a!
        .json<Id[]>(T, 'members')
        .map((m) => m.name)
        .sort(),
    ).toEqual(['Bea', 'Cy', 'F0']);
    expect(() => git(repo, 'fsck', '--strict')).not.toThrow();
  });

  it('finishes a rotation whose process stopped after publishing it, on the next command', async () => {
    const root = tempDir();
    const repo = join(root, 'g');
    const alice = new Person(join(root, 'alice'), repo);
    alice.json<Id>(T, 'identity', 'create', '--name', 'Alice');
    expect(steward(['init', repo, '--name', 'G', '--json'], alice.env(T)).status).toBe(0);
    const keystore = new Keystore(alice.home);
    const ledger = await Ledger.open(repo);
    const stopped = new Error('the process stopped here');
    // Publish the rotation, then fail before the new key is put in place.
    await expect(
      keystore.rotate(
        alice.passphrase,
        new Date('2026-03-02T00:00:00.000Z'),
        async (old, newKey) => {
          await publishRotation(ledger, old, newKey, new Date('2026-03-02T00:00:00.000Z'));
          throw stopped;
        },
      ),
    ).rejects.toBe(stopped);
    const p = alice.json<{ id: string }>(
      '2026-03-03T00:00:00.000Z',
      'propose',
      'resolution',
      '--title',
      'After the stop',
    );
    expect(alice.json<{ status: string }>('2026-03-03T00:00:00.000Z', 'show', p.id).status).toBe(
      'open',
    );
    expect(readdirSync(alice.home).filter((f) => f.startsWith('identity.pending'))).toEqual([]);
  });
});
