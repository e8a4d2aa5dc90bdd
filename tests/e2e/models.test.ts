/**
 * The models screen in Chromium against the real `steward serve`: two tiny real models are
 * registered by the group through the command line, then Alice, on the host's own browser,
 * imports their folders through the form, runs them (streamed generation, a stopped one,
 * classification), evaluates one and signs the result as evidence on an open proposal.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  writeTinyDecoder,
  writeTinyEncoder,
  type TinyEncoderFacts,
} from '../../scripts/tiny-models';
import { expectedClass } from '../helpers/tiny-expect';
import { UiGroup } from '../helpers/ui-group';
import { openBrowser, screenshot, type Participant } from './browser';

/** Every file under `dir` as `path=sha256`, paths with forward slashes, as `--file` takes them. */
const fileArgs = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .flatMap((file) => [
      '--file',
      `${relative(dir, file).split(sep).join('/')}=${createHash('sha256').update(readFileSync(file)).digest('hex')}`,
    ]);

const statusOf = (page: Page, slug: string, version: string) =>
  page
    .locator(`[data-testid="model-row"][data-slug="${slug}"]`)
    .locator(`[data-testid="model-status"][data-version="${version}"]`);

describe('the models screen in the browser', () => {
  const g = new UiGroup();
  const gptDir = join(g.root, 'tiny-gpt2');
  const bertDir = join(g.root, 'tiny-bert');
  let bert: TinyEncoderFacts;
  let alice: Participant;
  let openProposal = '';

  /** Alice proposes, Alice and Bob vote yes, Alice closes: the way the group decides. */
  const pass = (...args: string[]): string => {
    const { alice: a, bob: b } = g.people;
    const { id } = a.json<{ id: string }>(g.next(), 'propose', ...args);
    a.json(g.next(), 'vote', id, 'yes');
    b.json(g.next(), 'vote', id, 'yes');
    a.json(g.next(), 'close', id);
    return id;
  };

  beforeAll(async () => {
    await g.start();
    await writeTinyDecoder(gptDir);
    bert = await writeTinyEncoder(bertDir);
    pass(
      'register-model',
      '--title',
      'Register Tiny GPT',
      '--model',
      'tiny-gpt',
      '--name',
      'Tiny GPT',
      '--license',
      'MIT',
      '--owner',
      'Alice=60',
      '--owner',
      'Bob=40',
      '--version',
      '1.0',
      ...fileArgs(gptDir),
    );
    pass(
      'register-model',
      '--title',
      'Register Tiny BERT',
      '--model',
      'tiny-bert',
      '--name',
      'Tiny BERT',
      '--license',
      'Apache-2.0',
      '--owner',
      'Bob=100',
      '--version',
      '1.0',
      ...fileArgs(bertDir),
    );
    // Dated now (the server's clock), so it is still open when the evidence comes.
    openProposal = g.people.alice.json<{ id: string }>(
      new Date(Date.now() - 1000).toISOString(),
      'propose',
      'resolution',
      '--title',
      'Use Tiny BERT on the feedback box',
    ).id;
    alice = await openBrowser(g.host());
    const { page } = alice;
    await page.getByTestId('signin-passphrase').fill(g.people.alice.passphrase);
    await page.getByTestId('signin-unlock').click();
    await page.getByTestId('session-name').filter({ hasText: 'Alice' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await alice?.close();
    await g.close();
  });

  it('lists the registry with a not-imported status for each version', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'Models' }).click();
    await page.locator('[data-testid="model-row"][data-slug="tiny-gpt"]').waitFor();
    await expect
      .poll(() => statusOf(page, 'tiny-gpt', '1.0').textContent())
      .toBe('Files not on this computer');
    await expect
      .poll(() => statusOf(page, 'tiny-bert', '1.0').textContent())
      .toBe('Files not on this computer');
    await screenshot(page, 'models-1-registry');
  });

  it('imports a folder through the form, with progress to the end, and it becomes runnable', async () => {
    const { page } = alice;
    for (const [dir, slug] of [
      [gptDir, 'tiny-gpt'],
      [bertDir, 'tiny-bert'],
    ] as const) {
      await page.getByTestId('import-dir').fill(dir);
      await page.getByTestId('import-model').fill(slug);
      await page.getByTestId('import-version').fill('1.0');
      await page.getByTestId('import-submit').click();
      await page.getByTestId('import-result').getByText(slug).waitFor();
      const bar = page.getByTestId('import-progress');
      const [value, max] = await bar.evaluate((el) => {
        const progress = el as unknown as { value: number; max: number };
        return [progress.value, progress.max];
      });
      expect(max).toBeGreaterThan(1000);
      expect(value).toBe(max);
      await expect.poll(() => statusOf(page, slug, '1.0').textContent()).toBe('Ready to run');
    }
    expect(await page.getByTestId('import-result').getByTestId('model-file').count()).toBe(
      fileArgs(bertDir).length / 2,
    );
    await screenshot(page, 'models-2-imported');
  });

  it('proposes registering a version just imported, its files and hashes filled in', async () => {
    const { page } = alice;
    await page.getByTestId('import-dir').fill(gptDir);
    await page.getByTestId('import-model').fill('tiny-gpt');
    await page.getByTestId('import-version').fill('1.1');
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result').getByText('1.1').waitFor();
    await page.getByRole('button', { name: 'Propose registering' }).click();
    await page.getByTestId('new-kind').waitFor();
    expect(await page.getByTestId('new-kind').inputValue()).toBe('add-version');
    expect(await page.getByTestId('new-model').inputValue()).toBe('tiny-gpt');
    expect(await page.getByTestId('new-version').inputValue()).toBe('1.1');
    const expected = fileArgs(gptDir).filter((_, i) => i % 2 === 1);
    const filled: string[] = [];
    for (let i = 0; i < expected.length; i++)
      filled.push(
        `${await page.getByTestId(`new-file-path-${i}`).inputValue()}=${await page.getByTestId(`new-file-sha-${i}`).inputValue()}`,
      );
    expect(filled).toEqual(expected);
    await screenshot(page, 'models-2b-propose-registering');
    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByTestId('use-model').waitFor();
  });

  it('verifies the imported files against the record', async () => {
    const { page } = alice;
    const row = page.locator('[data-testid="model-row"][data-slug="tiny-gpt"]');
    await row.getByTestId('verify-1.0').click();
    await expect.poll(() => row.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
  });

  it('streams generated text, honours max tokens, and stops a long generation', async () => {
    const { page } = alice;
    await page.getByTestId('use-model').selectOption('tiny-gpt@1.0');
    await page.getByTestId('run-task').selectOption('text-generation');
    await page.getByTestId('run-input').fill('hello');
    await page.getByTestId('run-submit').click();
    await expect.poll(() => page.getByTestId('run-stats').getAttribute('data-stopped')).toBe('eos');
    expect((await page.getByTestId('run-output').textContent())?.trim()).toBe('world !');

    await page.getByTestId('run-input').fill('one');
    await page.getByTestId('run-max-tokens').fill('5');
    await page.getByTestId('run-submit').click();
    await expect
      .poll(() => page.getByTestId('run-stats').getAttribute('data-stopped'))
      .toBe('length');
    expect((await page.getByTestId('run-output').textContent())?.trim()).toBe(
      'two three four five six',
    );
    expect(await page.getByTestId('run-stats').textContent()).toMatch(
      /^tiny-gpt@1\.0 · 5 tokens · [\d.]+ m?s · hit the token limit$/,
    );
    await screenshot(page, 'models-3-generated');

    await page.getByTestId('run-max-tokens').fill('4096');
    await page.getByTestId('run-submit').click();
    // Tokens stream in while it runs; then the Stop button ends it.
    await expect.poll(() => page.getByTestId('run-stop').isEnabled()).toBe(true);
    await expect
      .poll(() => page.getByTestId('run-output').textContent(), { timeout: 20_000 })
      .toMatch(/two three four/);
    await screenshot(page, 'models-4-streaming');
    expect(
      await page.getByTestId('run-stop').isEnabled(),
      'still generating when Stop is pressed',
    ).toBe(true);
    await page.getByTestId('run-stop').click();
    await expect
      .poll(() => page.getByTestId('run-stats').getAttribute('data-stopped'), { timeout: 20_000 })
      .toBe('cancelled');
    const stats = (await page.getByTestId('run-stats').textContent()) ?? '';
    expect(Number(/^(\d+) tokens/.exec(stats.replace(/^.*? · /, ''))?.[1])).toBeLessThan(4096);
    await screenshot(page, 'models-5-stopped');
    // Three generations and three full-page shots: more than the default on a busy machine.
  }, 60_000);

  it('classifies a sentence with the score the model gives', async () => {
    const { page } = alice;
    await page.getByTestId('use-model').selectOption('tiny-bert@1.0');
    await page.getByTestId('run-task').selectOption('text-classification');
    await page.getByTestId('run-input').fill('a good movie');
    await page.getByTestId('run-submit').click();
    const top = page.getByTestId('run-label').first();
    await top.waitFor();
    const expected = expectedClass(bert, ['a', 'good', 'movie']);
    expect(await top.getAttribute('data-label')).toBe('POSITIVE');
    expect(expected.label).toBe('POSITIVE');
    expect(Number(await top.getAttribute('data-score'))).toBeCloseTo(expected.score, 4);
    expect(await top.textContent()).toContain(expected.score.toFixed(4));
    await screenshot(page, 'models-6-classified');
  });

  it('evaluates a dataset and signs the result as evidence on an open proposal', async () => {
    const { page } = alice;
    const dataset = join(g.root, 'sentiment.jsonl');
    writeFileSync(
      dataset,
      [
        { input: 'a good movie', expected: 'POSITIVE' },
        { input: 'an awful film', expected: 'NEGATIVE' },
        { input: 'the best', expected: 'POSITIVE' },
      ]
        .map((item) => JSON.stringify(item))
        .join('\n'),
    );
    await page.getByTestId('eval-file').setInputFiles(dataset);
    await page.getByTestId('eval-task').selectOption('text-classification');
    await page.getByTestId('eval-proposal').selectOption(openProposal);
    await page.getByTestId('eval-submit').click();
    await expect.poll(() => page.getByTestId('eval-row').count(), { timeout: 20_000 }).toBe(3);
    expect(await page.getByTestId('eval-metrics').textContent()).toMatch(/Accuracy 3 of 3/);
    await screenshot(page, 'models-7-evaluated');

    await page.getByTestId('eval-evidence').getByRole('link').click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/proposals/${openProposal}$`));
    const item = page.getByTestId('evidence-item');
    await item.waitFor();
    expect(await item.textContent()).toMatch(
      /tiny-bert@1\.0 text-classification on sentiment\.jsonl \(3 items\)/,
    );
    await screenshot(page, 'models-8-evidence');
  });

  it('reads in the dark scheme too', async () => {
    const { page } = alice;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('link', { name: 'Models' }).click();
    await expect.poll(() => statusOf(page, 'tiny-bert', '1.0').textContent()).toBe('Ready to run');
    await screenshot(page, 'models-9-dark');
  });
});
