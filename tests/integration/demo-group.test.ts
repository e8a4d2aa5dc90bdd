/**
 * The demo group as the app opens it: made at that moment, so its open proposals are open
 * whatever the date; verified clean, with no private key anywhere; its tiny model imported and
 * running offline at once; the visitor not a member; a second open replacing the first copy. The
 * bundle shipped for the command line tells the same story.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AppView,
  GroupSnapshot,
  KnownGroup,
  LocalModelStatus,
  RunOutput,
  SessionView,
} from '../../shared/api-types';
import { Api, type ApiSession } from '../../electron/core/api/api';
import { Workspace } from '../../electron/core/api/workspace';
import { demoStory } from '../../electron/core/demo/riverside';
import { git, steward, tempDir } from '../helpers/cli';

const BUNDLE = resolve(import.meta.dirname, '../../resources/demo/group.bundle');
/** Years after the shipped files were made: the demo must not care. */
const NOW = new Date('2031-05-04T12:00:00.000Z');

describe('the demo group the app opens', () => {
  const home = tempDir('steward-demo-');
  const api = new Api({
    workspace: new Workspace(home),
    transport: 'electron',
    version: '1',
    demoBundle: BUNDLE,
    now: () => NOW,
  });
  const host: ApiSession = { id: 'window', admitted: true, host: true };
  const call = <T>(channel: string, arg: unknown = {}): Promise<T> =>
    api.invoke(channel, arg, host) as Promise<T>;
  let app: AppView;
  let state: GroupSnapshot['state'];

  beforeAll(async () => {
    app = await call<AppView>('group:openDemo');
    ({ state } = await call<GroupSnapshot>('group:get'));
  }, 60_000);
  afterAll(() => api.stop());

  it('tells its story, its open proposals open as of the day it is opened', () => {
    expect(app.group).toMatchObject({ name: 'Riverside Community AI Lab', demo: true });
    expect(state.members.map((m) => m.name).sort()).toEqual(['Ana', 'Ben', 'Chloé', 'Dev']);
    expect(state.proposals.map((p) => [p.kind, p.title, p.status])).toEqual(
      demoStory.map((s) => [...s]),
    );
    for (const p of state.proposals) {
      expect(Date.parse(p.created)).toBeLessThan(NOW.getTime());
      if (p.status === 'open') expect(Date.parse(p.deadline)).toBeGreaterThan(NOW.getTime());
      else expect(p.final, p.title).toBe(true);
    }
    expect(state.quarantined).toEqual([]);
    const model = state.models.find((m) => m.slug === 'tiny-sentiment');
    expect(model?.owners.map((o) => o.shares).sort((a, b) => b - a)).toEqual([40, 30, 20, 10]);
  });

  it('holds signed statements alone: no key store travels with it', () => {
    const files = git(app.group!.dir, 'ls-files').trim().split('\n');
    expect(files.every((f) => f === 'charter.json' || f.startsWith('proposals/'))).toBe(true);
    for (const f of files) {
      const envelope = JSON.parse(readFileSync(join(app.group!.dir, f), 'utf8')) as object;
      expect(Object.keys(envelope).sort(), f).toEqual(['signatures', 'statement']);
    }
  });

  it('leaves the visitor outside: reading needs no membership, writing is not offered', async () => {
    await call('identity:create', { name: 'Visitor', passphrase: 'correct horse battery' });
    const session = await call<SessionView>('session:get');
    expect(session).toMatchObject({ identity: { name: 'Visitor' }, member: false });
  });

  it('runs its model at once, offline, from the copy shipped with the app', async () => {
    const { models } = await call<{ models: LocalModelStatus[] }>('models:local');
    expect(models).toContainEqual(
      expect.objectContaining({ model: 'tiny-sentiment', version: '1.0', status: 'runnable' }),
    );
    const ran = await call<RunOutput>('models:run', {
      runId: 'demo-run',
      model: 'tiny-sentiment',
      task: 'text-classification',
      input: 'good great',
    });
    expect(ran).toMatchObject({ task: 'text-classification' });
    expect(ran.task === 'text-classification' && ran.labels[0]?.label).toBe('POSITIVE');
  }, 60_000);

  it('makes a fresh copy when opened again, and drops the one before', async () => {
    const first = app.group!.dir;
    const again = await call<AppView>('group:openDemo');
    expect(again.group?.dir).not.toBe(first);
    expect(existsSync(first)).toBe(false);
    const { groups } = await call<{ groups: KnownGroup[] }>('group:list');
    expect(groups.filter((g) => g.demo)).toEqual([
      { dir: again.group!.dir, name: 'Riverside Community AI Lab', demo: true, open: true },
    ]);
  }, 60_000);
});

describe('the demo bundle shipped for the command line', () => {
  const root = tempDir('steward-demo-cli-');
  const repo = join(root, 'riverside');
  const env = { STEWARD_HOME: join(root, 'home') };

  it('clones and verifies clean, with the same story', () => {
    const cloned = steward(['clone', BUNDLE, repo, '--json'], env);
    expect(cloned.status, cloned.stderr).toBe(0);
    const verified = steward(['verify', '--strict', '--repo', repo, '--json'], env);
    expect(verified.json).toMatchObject({ ok: true, quarantined: [], rewrites: [] });
    const listed = steward(['list', '--repo', repo, '--json'], env).json as { title: string }[];
    expect(listed.map((p) => p.title)).toEqual(demoStory.map(([, title]) => title));
  });
});
