import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, steward, tempDir } from '../helpers/cli';

const BUNDLE = resolve(import.meta.dirname, '../../resources/demo/group.bundle');

type Listed = { id: string; kind: string; title: string; status: string; final: boolean };

/** The story scripts/demo-group.ts tells, oldest first. */
const expected = [
  ['register-model', 'Register Tiny Sentiment for the feedback box', 'passed'],
  ['transfer-shares', 'Ben passes 10 shares of Tiny Sentiment to Dev', 'passed'],
  ['approve-use', 'Use Tiny Sentiment to sort feedback-box comments', 'passed'],
  ['resolution', 'Open the lab on Sunday mornings', 'rejected'],
  ['poll', 'Which model should we evaluate next?', 'passed'],
  ['resolution', 'Publish our evaluation results on the library website', 'open'],
  ['poll', 'Pick a day for the March workshop', 'open'],
];

describe('the shipped demo group', () => {
  const root = tempDir('steward-demo-');
  const repo = join(root, 'riverside');
  // Whoever opens the demo has no identity of their own: reading needs none.
  const as = (now: string) => ({ STEWARD_HOME: join(root, 'home'), STEWARD_NOW: now });
  const json = <T>(now: string, ...args: string[]): T => {
    const r = steward([...args, '--repo', repo, '--json'], as(now));
    if (r.status !== 0) throw new Error(`steward ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return r.json as T;
  };

  it('clones from its bundle and verifies clean, with no private key inside', () => {
    const cloned = steward(['clone', BUNDLE, repo, '--json'], as('2026-01-22T00:00:00.000Z'));
    expect(cloned.status, cloned.stderr).toBe(0);
    expect(json('2026-01-22T00:00:00.000Z', 'verify', '--strict')).toEqual({
      ok: true,
      statements: 49,
      quarantined: [],
      rewrites: [],
    });
    const files = git(repo, 'ls-files').trim().split('\n');
    expect(files.every((f) => f === 'charter.json' || f.startsWith('proposals/'))).toBe(true);
    // Each file is a signed statement and nothing more: no key store travels with the demo.
    for (const f of files) {
      const envelope = JSON.parse(readFileSync(join(repo, f), 'utf8')) as object;
      expect(Object.keys(envelope).sort(), f).toEqual(['signatures', 'statement']);
    }
  });

  it('lists four members and its proposals with the statuses of its story', () => {
    const now = '2026-01-22T00:00:00.000Z';
    const members = json<{ name: string }[]>(now, 'members').map((m) => m.name);
    expect(members.sort()).toEqual(['Ana', 'Ben', 'Chloé', 'Dev']);
    const listed = json<Listed[]>(now, 'list');
    expect(listed.map((p) => [p.kind, p.title, p.status])).toEqual(expected);
    expect(listed.filter((p) => p.status !== 'open').every((p) => p.final)).toBe(true);
    const open = listed.filter((p) => p.status === 'open');
    for (const p of open) expect(json(now, 'show', p.id)).toMatchObject({ closable: false });
  });

  it('shows its open proposals as closable once their deadline has passed', () => {
    const later = '2030-01-01T00:00:00.000Z';
    const listed = json<Listed[]>(later, 'list', '--status', 'open');
    expect(listed.map((p) => p.title)).toEqual([
      'Publish our evaluation results on the library website',
      'Pick a day for the March workshop',
    ]);
    for (const p of listed) expect(json(later, 'show', p.id)).toMatchObject({ closable: true });
  });

  it('records the share transfer in the model register', () => {
    const cap = json<{ owners: { member: string; shares: number }[]; history: unknown[] }>(
      '2026-01-22T00:00:00.000Z',
      'ownership',
      'tiny-sentiment',
    );
    expect(cap.owners.map((o) => o.shares).sort((a, b) => b - a)).toEqual([40, 30, 20, 10]);
    expect(cap.history).toHaveLength(2);
  });
});
