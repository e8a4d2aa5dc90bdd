/**
 * A statement edited by hand and committed with the git CLI, seen in the app: Home says which
 * statement a later commit changed, links its proposal, names the commit, and the outcome stands.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementPath } from '../../shared/format/paths';
import { UiGroup } from '../helpers/ui-group';
import { openBrowser, screenshot, type Participant } from './browser';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync(
    'git',
    [
      '-c',
      'user.name=Mallory',
      '-c',
      'user.email=m@example.org',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  ).trim();

describe('a statement changed by a later commit, in the app', () => {
  const g = new UiGroup();
  let alice: Participant;
  let commit = '';
  const title = 'Adopt the code of conduct';

  beforeAll(async () => {
    await g.start();
    const { id } = g.people.alice.json<{ id: string }>(
      g.next(),
      'propose',
      'resolution',
      '--title',
      title,
    );
    const { id: vote } = g.people.bob.json<{ id: string }>(g.next(), 'vote', id, 'no');
    g.people.alice.json(g.next(), 'vote', id, 'yes');
    const path = join(g.repo, statementPath('vote', vote, id));
    writeFileSync(path, readFileSync(path, 'utf8').replace('"no"', '"yes"'));
    git(g.repo, 'commit', '-q', '-a', '-m', 'Bob meant yes');
    commit = git(g.repo, 'rev-parse', 'HEAD');
    alice = await openBrowser(g.host());
  }, 120_000);

  afterAll(async () => {
    await alice?.close();
    await g.close();
  });

  it('says on Home which statement a later commit changed, and that it still counts', async () => {
    const { page } = alice;
    // An auditor's look: no key needed.
    await page.getByRole('button', { name: 'Continue read-only' }).click();
    const notice = page.getByTestId('rewrites-notice');
    await notice.waitFor();
    expect(await notice.getByRole('heading').textContent()).toBe(
      'A statement was changed or removed after the fact',
    );
    const text = await notice.textContent();
    expect(text).toContain(`A vote on ${title} was changed by commit ${commit.slice(0, 8)}`);
    expect(text).toContain('still counts as first committed');
    await screenshot(page, 'rewrites-1-home');
    // The vote as Bob signed it is the one counted: no 1, yes 1 (Alice).
    await notice.getByRole('link', { name: title }).click();
    await page.getByTestId('tally-no').waitFor();
    expect(await page.getByTestId('tally-no').textContent()).toBe('1');
    expect(await page.getByTestId('tally-yes').textContent()).toBe('1');
  });
});
