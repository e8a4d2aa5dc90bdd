/**
 * Founding with further founders, in the app and on the command line together: a group founded
 * in the app waits for a founder who signs with `steward charter sign`, and the app enters it;
 * a founder named on the command line opens the folder in the app and signs it there. Each state
 * the app shows is checked against `steward members --json` on the same repo.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Person, steward, tempDir } from '../helpers/cli';
import { firstJsonLine, startSteward, type Started } from '../helpers/steward-process';
import { openBrowser, screenshot, type Participant } from './browser';

const PASS = 'correct horse battery';
type App = { url: string; home: string; process: Started; browser?: Participant };
const running: App[] = [];
const dirs: string[] = [];

const startApp = async (): Promise<App> => {
  const home = tempDir('steward-draft-app-');
  const process = startSteward(['app', '--json'], { STEWARD_HOME: home });
  const app: App = { url: '', home, process };
  running.push(app);
  app.url = (await firstJsonLine<{ url: string }>(process, 'steward app')).url;
  return app;
};

afterEach(async () => {
  for (const app of running.splice(0)) {
    await app.browser?.close();
    app.process.child.kill('SIGTERM');
    await app.process.done.catch(() => undefined);
    rmSync(app.home, { recursive: true, force: true });
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A person on the command line, with an identity of their own. */
const cliPerson = (name: string): Person & { key: string } => {
  const root = tempDir(`steward-draft-${name}-`);
  dirs.push(root);
  const person = new Person(join(root, 'home'), '');
  const { publicKey } = person.json<{ publicKey: string }>(
    new Date().toISOString(),
    'identity',
    'create',
    '--name',
    name,
  );
  return Object.assign(person, { key: publicKey });
};

const membersOf = (repo: string) =>
  (steward(['members', '--repo', repo, '--json'], {}).json as { name: string }[])
    .map((m) => m.name)
    .sort();

describe('a charter signed by further founders', () => {
  it('waits in the app for a founder who signs on the command line, then enters the group', async () => {
    const ben = cliPerson('Ben');
    const app = await startApp();
    app.browser = await openBrowser(app.url);
    const { page } = app.browser;
    await page.getByTestId('setup-name').fill('Ana');
    await page.getByTestId('setup-passphrase').fill(PASS);
    await page.getByTestId('setup-passphrase-again').fill(PASS);
    await page.getByTestId('setup-create').click();
    await page.getByTestId('group-name').fill('Duo');
    await page.getByTestId('founder-add').click();
    await page.getByTestId('founder-name').fill('Ben');
    await page.getByTestId('founder-key').fill(ben.key);
    await screenshot(page, 'charter-draft-1-found');
    await page.getByTestId('group-found').click();

    await page.getByRole('heading', { name: 'Waiting for signatures' }).waitFor();
    expect(await page.getByTestId('draft-founder').allTextContents()).toEqual([
      'Ana (you)Signed',
      'BenNot signed yet',
    ]);
    expect(await page.getByRole('button', { name: 'Sign the charter' }).count()).toBe(0);
    const repo = (await page.getByTestId('draft-folder').textContent())!;
    expect(repo).toContain(app.home);
    expect(steward(['members', '--repo', repo, '--json'], {}).status).not.toBe(0);
    await screenshot(page, 'charter-draft-2-waiting');

    ben.repo = repo;
    ben.json(new Date().toISOString(), 'charter', 'sign');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), {
        timeout: 15_000,
      })
      .toBe('Duo');
    expect(membersOf(repo)).toEqual(['Ana', 'Ben']);
    await expect.poll(() => page.getByTestId('session-name').textContent()).toBe('Ana');
    expect(await page.getByText(/^2 members/).count()).toBeGreaterThan(0);
  }, 90_000);

  it('lets a founder named on the command line open the folder in the app and sign', async () => {
    const ana = cliPerson('Ana');
    const app = await startApp();
    app.browser = await openBrowser(app.url);
    const { page } = app.browser;
    await page.getByTestId('setup-name').fill('Ben');
    await page.getByTestId('setup-passphrase').fill(PASS);
    await page.getByTestId('setup-passphrase-again').fill(PASS);
    await page.getByTestId('setup-create').click();
    await page.getByTestId('group-name').waitFor();
    const benKey = (
      JSON.parse(readFileSync(join(app.home, 'identity.json'), 'utf8')) as {
        publicKey: string;
      }
    ).publicKey;
    const repo = join(tempDir('steward-draft-repo-'), 'trio');
    dirs.push(repo);
    const init = steward(
      ['init', repo, '--name', 'Trio', '--member', `${benKey}:Ben`, '--json'],
      ana.env(new Date().toISOString()),
    );
    expect(init.status, init.stderr).toBe(0);

    await page.getByTestId('open-folder-path').fill(repo);
    await page.getByTestId('open-folder').click();
    await page.getByRole('heading', { name: 'Waiting for signatures' }).waitFor();
    expect(await page.getByTestId('draft-founder').allTextContents()).toEqual([
      'AnaSigned',
      'Ben (you)Not signed yet',
    ]);
    await screenshot(page, 'charter-draft-3-sign');
    await page.getByRole('button', { name: 'Sign the charter' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), {
        timeout: 15_000,
      })
      .toBe('Trio');
    expect(membersOf(repo)).toEqual(['Ana', 'Ben']);
    expect(await page.getByText(/^2 members/).count()).toBeGreaterThan(0);
    await screenshot(page, 'charter-draft-4-founded');
  }, 90_000);
});
