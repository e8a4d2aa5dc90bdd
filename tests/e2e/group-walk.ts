/**
 * One group's life, walked through the app alone in Chromium (`steward app` in a fresh home):
 * Alice founds the group, adds Bob, imports a model and proposes registering it, votes, closes
 * and certifies, consents to a transfer, changes the charter in percentages, signs an evaluation
 * as evidence and exports the audit. Bob is a second member on the command line (his identity,
 * votes and certifications), as he would be on his own machine. After each step the page is
 * checked against `steward show --json` / `steward ownership --json` on the same repo, and
 * photographed light and dark.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { writeTinyDecoder } from '../../scripts/tiny-models';
import { Person, tempDir } from '../helpers/cli';
import { firstJsonLine, startSteward, type Started } from '../helpers/steward-process';
import { openBrowser, screenshot, type Participant } from './browser';

/**
 * How long a poll waits: a write from the command line reaches the page through the app's check
 * of the head (each second) and an event, on a machine that may be busy.
 */
export const PATIENT = { timeout: 20_000 };

export type Size = { name: string; width: number; height: number };

type Shown = {
  id: string;
  status: string;
  final: boolean;
  params: Record<string, unknown>;
  tally: Record<string, unknown>;
  closes: { certifiedBy: string[] }[];
  consents: string[];
  evidence: unknown[];
};

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every file under `dir` as `{path, sha256}`, paths with forward slashes, in path order. */
const filesOf = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((file) => ({ path: relative(dir, file).split(sep).join('/'), sha256: sha256(file) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));

export class GroupWalk {
  readonly root = tempDir('steward-walk-');
  readonly home = join(this.root, 'alice');
  readonly bob = new Person(join(this.root, 'bob'), '');
  /** Alice on the command line: reads only (`show`, `ownership`), as an auditor would. */
  readonly reader = new Person(this.home, '');
  readonly modelDir = join(this.root, 'tiny-gpt2');
  private app: Started | undefined;
  browser: Participant | undefined;
  private shots = 0;

  constructor(readonly size: Size) {}

  get page(): Page {
    return this.browser!.page;
  }

  /** The command line's clock: the app's own, so Bob's votes come after what the app opened. */
  now(): string {
    return new Date().toISOString();
  }

  async start(): Promise<void> {
    this.app = startSteward(['app', '--json'], { STEWARD_HOME: this.home });
    const { url } = await firstJsonLine<{ url: string }>(this.app, 'steward app');
    this.browser = await openBrowser(url, { width: this.size.width, height: this.size.height });
    await writeTinyDecoder(this.modelDir);
  }

  async close(): Promise<void> {
    await this.browser?.close();
    this.app?.child.kill('SIGTERM');
    await this.app?.done.catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }

  /** A full-page photograph of the step, light then dark; the page is left light. */
  async shot(step: string): Promise<void> {
    const n = String(++this.shots).padStart(2, '0');
    await this.page.evaluate('scrollTo(0, 0)');
    for (const scheme of ['light', 'dark'] as const) {
      await this.page.emulateMedia({ colorScheme: scheme });
      await screenshot(this.page, `group-life-${this.size.name}-${n}-${step}-${scheme}`);
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
  }

  /** The group folder the app founded (the only one under Alice's home). */
  groupDir(): string {
    const groups = join(this.home, 'groups');
    const [dir] = readdirSync(groups);
    return join(groups, dir!);
  }

  /** Bob, on the command line, against the group's folder. */
  bobJson<T = Record<string, unknown>>(...args: string[]): T {
    this.bob.repo = this.groupDir();
    return this.bob.json<T>(this.now(), ...args);
  }

  show(id: string): Shown {
    this.reader.repo = this.groupDir();
    return this.reader.json<Shown>(this.now(), 'show', id);
  }

  /** Who owns the model, as `steward ownership SLUG --json` says. */
  ownership(slug: string): { model: string; owners: { member: string; shares: number }[] } {
    this.reader.repo = this.groupDir();
    return this.reader.json(this.now(), 'ownership', slug);
  }

  nav(name: string) {
    return this.page.getByRole('navigation').getByRole('link', { name, exact: true });
  }

  /** Goes to a screen by the navigation, opening the collapsed menu where there is one. */
  async go(name: string): Promise<void> {
    const link = this.nav(name);
    if (!(await link.isVisible())) await this.page.getByRole('button', { name: 'Menu' }).click();
    await link.click();
  }

  /** The id of the proposal the page shows. */
  proposalId(): string {
    return /#\/proposals\/([0-9a-f]{64})/.exec(this.page.url())![1]!;
  }

  async openProposal(id: string): Promise<void> {
    await this.page.evaluate(`location.hash = '#/proposals/${id}'`);
    await this.page.getByTestId('proposal-status').waitFor();
  }

  /** Signs the proposal the form holds after looking at its preview; lands on its page. */
  async signFromForm(): Promise<string> {
    await this.page.getByTestId('new-preview').click();
    await this.page
      .getByTestId('preview-step')
      .waitFor()
      .catch(async (error: unknown) => {
        await this.page.screenshot({ path: '/tmp/walk-failed.png', fullPage: true });
        throw error;
      });
    await this.page.getByTestId('new-submit').click();
    await expect.poll(() => this.page.url(), PATIENT).toMatch(/#\/proposals\/[0-9a-f]{64}$/);
    await this.page.getByTestId('proposal-status').waitFor();
    return this.proposalId();
  }

  /** Alice votes yes on the proposal the page shows. */
  async voteYes(): Promise<void> {
    await this.page.getByTestId('vote-yes').click();
    await this.page.getByTestId('vote-current').waitFor();
  }

  async closeNow(): Promise<void> {
    const button = this.page.getByTestId('close-proposal');
    await expect.poll(() => button.isEnabled(), PATIENT).toBe(true);
    await button.click();
    await this.page.getByRole('button', { name: 'Certify', exact: true }).waitFor();
  }

  async certify(): Promise<void> {
    await this.page.getByRole('button', { name: 'Certify', exact: true }).click();
    await expect
      .poll(() => this.page.getByRole('button', { name: 'Certify', exact: true }).count(), PATIENT)
      .toBe(0);
  }

  /** The outcome as the page states it, checked against the CLI's view of the same repo. */
  async expectOutcome(id: string, words: RegExp, final: boolean): Promise<Shown> {
    await expect
      .poll(() => this.page.getByTestId('proposal-outcome').textContent(), PATIENT)
      .toMatch(words);
    const shown = this.show(id);
    expect(shown.final).toBe(final);
    const status = (await this.page.getByTestId('proposal-status').textContent()) ?? '';
    expect(status.toLowerCase()).toContain(shown.status === 'passed' ? 'passed' : shown.status);
    return shown;
  }

  /** A dataset the tiny model answers once exactly and once not, as a file the form can take. */
  dataset(): string {
    const file = join(this.root, 'greetings.jsonl');
    writeFileSync(
      file,
      [
        { input: 'hello', expected: 'world !' },
        { input: 'hello', expected: 'goodbye' },
      ]
        .map((item) => JSON.stringify(item))
        .join('\n'),
    );
    return file;
  }

  modelFiles() {
    return filesOf(this.modelDir);
  }
}
