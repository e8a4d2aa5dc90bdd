import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, Person, steward, tempDir } from '../helpers/cli';

describe('steward vote', () => {
  it('counts the last vote even when the clock has not moved between two votes', () => {
    const root = tempDir();
    const repo = join(root, 'g');
    const alice = new Person(join(root, 'alice'), repo);
    const now = '2026-05-01T00:00:00.000Z';
    alice.json(now, 'identity', 'create', '--name', 'Alice');
    steward(['init', repo, '--name', 'G', '--json'], alice.env(now));
    const p = alice.json<{ id: string }>(now, 'propose', 'resolution', '--title', 'Same second');
    for (const choice of ['no', 'yes', 'abstain', 'yes']) alice.json(now, 'vote', p.id, choice);
    const shown = alice.json<{
      tally: { yes: number; no: number; abstain: number };
      notCounted: unknown[];
    }>(now, 'show', p.id);
    expect(shown.tally).toMatchObject({ yes: 1, no: 0, abstain: 0 });
    expect(shown.notCounted).toHaveLength(3);
  });

  it('refuses a vote that changes nothing, and writes nothing', () => {
    const root = tempDir();
    const repo = join(root, 'g');
    const alice = new Person(join(root, 'alice'), repo);
    const now = '2026-05-01T00:00:00.000Z';
    alice.json(now, 'identity', 'create', '--name', 'Alice');
    steward(['init', repo, '--name', 'G', '--json'], alice.env(now));
    const p = alice.json<{ id: string }>(now, 'propose', 'resolution', '--title', 'Twice');
    alice.json(now, 'vote', p.id, 'yes');
    const head = git(repo, 'rev-parse', 'HEAD');
    const again = alice.run(now, 'vote', p.id, 'yes', '--json');
    expect(again.status).toBeGreaterThan(0);
    expect(again.json).toEqual({
      error: {
        code: 'already-voted-same',
        message: expect.stringContaining('nothing was written') as string,
      },
    });
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    // Another reason, or another choice, is a new vote.
    alice.json(now, 'vote', p.id, 'yes', '--reason', 'on reflection');
    alice.json(now, 'vote', p.id, 'no');
    const shown = alice.json<{ tally: { yes: number; no: number }; notCounted: unknown[] }>(
      now,
      'show',
      p.id,
    );
    expect(shown.tally).toMatchObject({ yes: 0, no: 1 });
    expect(shown.notCounted).toHaveLength(2);
  });
});
