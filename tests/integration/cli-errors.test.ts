import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git, Person, steward, tempDir } from '../helpers/cli';

type Id = { id: string; publicKey: string };
const T = '2026-04-01T00:00:00.000Z';
const LATER = '2026-04-09T00:00:00.000Z';
const T1 = '2026-04-01T01:00:00.000Z';

describe('steward command line on bad input', () => {
  const root = tempDir();
  const repo = join(root, 'g');
  const alice = new Person(join(root, 'alice'), repo);
  const stranger = new Person(join(root, 'stranger'), repo);
  const latecomer = new Person(join(root, 'latecomer'), repo);
  let open: string;
  let closed: string;
  let head: string;

  beforeAll(() => {
    alice.json<Id>(T, 'identity', 'create', '--name', 'Alice');
    stranger.json<Id>(T, 'identity', 'create', '--name', 'Stranger');
    steward(['init', repo, '--name', 'G', '--json'], alice.env(T));
    open = alice.json<{ id: string }>(T, 'propose', 'resolution', '--title', 'Open').id;
    closed = alice.json<{ id: string }>(T, 'propose', 'resolution', '--title', 'Closed').id;
    alice.json(T, 'vote', closed, 'yes');
    alice.json(T, 'close', closed);
    const late = latecomer.json<Id>(T, 'identity', 'create', '--name', 'Latecomer');
    const add = alice.json<{ id: string }>(
      T1,
      'propose',
      'add-member',
      '--title',
      'Late',
      '--key',
      late.publicKey,
      '--name',
      'Latecomer',
    );
    alice.json(T1, 'vote', add.id, 'yes');
    alice.json(T1, 'close', add.id);
    head = git(repo, 'rev-parse', 'HEAD');
  }, 60_000);

  const cases: [string, () => [Person, string, ...string[]], string][] = [
    [
      'an unknown proposal kind',
      () => [alice, T, 'propose', 'coup', '--title', 'x'],
      'invalid-argument',
    ],
    [
      'a kind without its flags',
      () => [alice, T, 'propose', 'add-member', '--title', 'x'],
      'invalid-argument',
    ],
    [
      'a key that is not a key',
      () => [alice, T, 'propose', 'add-member', '--title', 'x', '--key', 'abc', '--name', 'B'],
      'invalid-argument',
    ],
    [
      'a licence that is not SPDX',
      () => [
        alice,
        T,
        'propose',
        'register-model',
        '--title',
        'x',
        '--model',
        'm',
        '--name',
        'M',
        '--license',
        'free-ish',
        '--owner',
        'Alice=1',
      ],
      'invalid-argument',
    ],
    [
      'shares that are not whole',
      () => [
        alice,
        T,
        'propose',
        'register-model',
        '--title',
        'x',
        '--model',
        'm',
        '--name',
        'M',
        '--license',
        'MIT',
        '--owner',
        'Alice=1.5',
      ],
      'invalid-argument',
    ],
    [
      'an owner who is not a member',
      () => [
        alice,
        T,
        'propose',
        'register-model',
        '--title',
        'x',
        '--model',
        'm',
        '--name',
        'M',
        '--license',
        'MIT',
        '--owner',
        'Bob=1',
      ],
      'not-found',
    ],
    [
      'a transfer of a model nobody registered',
      () => [
        alice,
        T,
        'propose',
        'transfer-shares',
        '--title',
        'x',
        '--model',
        'ghost',
        '--from',
        'Alice',
        '--to',
        'Alice',
        '--shares',
        '1',
      ],
      'invalid-argument',
    ],
    [
      'a charter setting out of range',
      () => [alice, T, 'propose', 'amend-charter', '--title', 'x', '--set', 'quorum=2'],
      'invalid-argument',
    ],
    ['an id prefix shorter than 6', () => [alice, T, 'show', open.slice(0, 4)], 'invalid-argument'],
    ['an id nobody has', () => [alice, T, 'show', 'ffffff'], 'not-found'],
    [
      'a vote that is not yes, no or abstain',
      () => [alice, T, 'vote', open, 'maybe'],
      'invalid-argument',
    ],
    ['a vote on a closed proposal', () => [alice, T, 'vote', closed, 'no'], 'proposal-closed'],
    ['a vote after the deadline', () => [alice, LATER, 'vote', open, 'yes'], 'deadline-passed'],
    ['a second close', () => [alice, LATER, 'close', closed], 'proposal-closed'],
    [
      'a close with votes missing before the deadline',
      () => [alice, T, 'close', open],
      'deadline-not-passed',
    ],
    ['a vote by a stranger', () => [stranger, T, 'vote', open, 'yes'], 'not-a-member'],
    [
      'a close by a member who joined after it opened',
      () => [latecomer, LATER, 'close', open],
      'not-eligible',
    ],
    [
      'a consent to a proposal that is no transfer',
      () => [alice, T, 'consent', open],
      'invalid-argument',
    ],
    ['a certification of an open proposal', () => [alice, T, 'certify', open], 'proposal-open'],
    [
      'a list by a status that does not exist',
      () => [alice, T, 'list', '--status', 'pending'],
      'invalid-argument',
    ],
    ['a clock that is not a date', () => [alice, 'yesterday', 'list'], 'invalid-argument'],
    ['a folder that is no repo', () => [new Person(alice.home, root), T, 'list'], 'not-a-repo'],
    ['a flag no command has', () => [alice, T, 'list', '--colour'], 'invalid-argument'],
  ];

  it.each(cases)('refuses %s with a clear error and writes nothing', (_what, make, code) => {
    const [who, now, ...args] = make();
    const r = who.run(now, ...args, '--json');
    expect(r.status).toBeGreaterThan(0);
    expect(r.json).toEqual({ error: { code, message: expect.any(String) as string } });
    const human = who.run(now, ...args);
    expect(human.stderr).toMatch(/^(steward: |error: )/m);
    expect(human.stderr).not.toMatch(/\n\s+at /);
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
  });

  it.each(['soon', '0', '-5', '20000'])(
    'refuses STEWARD_SESSION_IDLE_MINUTES=%s, naming the variable',
    (minutes) => {
      const r = steward(['list', '--repo', repo, '--json'], {
        ...alice.env(T),
        STEWARD_SESSION_IDLE_MINUTES: minutes,
      });
      expect(r.status).toBeGreaterThan(0);
      expect(r.json).toEqual({
        error: {
          code: 'invalid-argument',
          message: expect.stringContaining(`="${minutes}"`) as string,
        },
      });
    },
  );
});
