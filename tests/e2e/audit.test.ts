/**
 * The audit export in Chromium against the real `steward serve`: the host exports the group's
 * decisions as CSV and as HTML and saves each file as a download, whose content holds the
 * proposals' titles; a period with no proposal gives files with no rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UiGroup } from '../helpers/ui-group';
import { openBrowser, screenshot, type Participant } from './browser';

describe('the audit export in the browser', () => {
  const g = new UiGroup();
  let alice: Participant;
  const titles = ['Adopt the code of conduct', 'Buy a GPU, "quickly"'];
  /** A title with no place to break: the printed page must wrap it, not run off the paper. */
  const unbroken = `Name-${'x'.repeat(180)}`;

  beforeAll(async () => {
    await g.start();
    for (const title of titles) {
      const { id } = g.people.alice.json<{ id: string }>(
        g.next(),
        'propose',
        'resolution',
        '--title',
        title,
      );
      g.people.alice.json(g.next(), 'vote', id, 'yes');
      g.people.bob.json(g.next(), 'vote', id, 'no');
    }
    g.people.bob.json(g.next(), 'propose', 'resolution', '--title', unbroken);
    alice = await openBrowser(g.host('#/audit'));
    await alice.page.getByTestId('signin-passphrase').fill(g.people.alice.passphrase);
    await alice.page.getByTestId('signin-unlock').click();
    await alice.page.getByTestId('session-name').filter({ hasText: 'Alice' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await alice?.close();
    await g.close();
  });

  const download = async (name: string): Promise<string> => {
    const { page } = alice;
    const link = page.getByTestId('audit-file').filter({ hasText: name });
    const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(saved.suggestedFilename()).toBe(name);
    return readFileSync(await saved.path(), 'utf8');
  };

  /**
   * The report as Chromium prints it: on A4 (186 mm of printable width, the narrower of A4 and
   * Letter) nothing is wider than the page, and each part starts a page of its own.
   */
  const printsWithinThePage = async (html: string) => {
    const file = join(g.root, 'audit.html');
    writeFileSync(file, html);
    const page = await alice.context.newPage();
    try {
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 703, height: 1000 });
      await page.goto(pathToFileURL(file).href);
      expect(await page.getByText(unbroken).count()).toBeGreaterThan(0);
      const wide = await page.evaluate<string[]>(
        `[...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map((e) => e.tagName + ' ' + e.className)`,
      );
      expect(wide).toEqual([]);
      const breaks = await page.evaluate<string[]>(
        `[...document.querySelectorAll('section.part')].map((s) => getComputedStyle(s).breakBefore)`,
      );
      expect(breaks).toEqual(['page', 'page', 'page', 'page']);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.close();
    }
  };

  it('exports CSV files, previews them and downloads them with the titles in', async () => {
    const { page } = alice;
    await page.getByTestId('audit-format').selectOption('csv');
    await page.getByTestId('audit-submit').click();
    await expect
      .poll(() => page.getByTestId('audit-file').allTextContents())
      .toEqual(['decisions.csv', 'votes.csv', 'ownership.csv']);
    expect(await page.getByTestId('audit-preview').first().textContent()).toMatch(
      /decisions\.csv: 3 rows/,
    );
    await screenshot(page, 'audit-1-csv');
    const decisions = await download('decisions.csv');
    expect(decisions).toContain('Adopt the code of conduct');
    expect(decisions).toContain('"Buy a GPU, ""quickly"""');
    const votes = await download('votes.csv');
    expect(votes.split('\r\n').filter((l) => l !== '')).toHaveLength(5);
  });

  it('exports one HTML page for a period, and nothing for a period with no proposal', async () => {
    const { page } = alice;
    // The group's statements are dated from an hour before the test began: from that day (the
    // day before, just after midnight) to today.
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const [from, today] = [day(Date.now() - 2 * 3600_000), day(Date.now())];
    await page.getByTestId('audit-from').fill(from);
    await page.getByTestId('audit-to').fill(today);
    await page.getByTestId('audit-format').selectOption('html');
    await page.getByTestId('audit-submit').click();
    await expect
      .poll(() => page.getByTestId('audit-file').allTextContents())
      .toEqual(['audit.html']);
    expect(await page.getByTestId('audit-exported').textContent()).toMatch(
      new RegExp(`^Exported one HTML page for ${from} to ${today}: audit\\.html \\(`),
    );
    const html = await download('audit.html');
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="decisions"'));
    expect(html).toContain('Adopt the code of conduct');
    expect(html).toContain('Buy a GPU, &quot;quickly&quot;');
    await screenshot(page, 'audit-2-html');
    await printsWithinThePage(html);

    await page.getByTestId('audit-from').fill('2020-01-01');
    await page.getByTestId('audit-to').fill('2020-01-31');
    await page.getByTestId('audit-format').selectOption('csv');
    await page.getByTestId('audit-submit').click();
    await expect
      .poll(() => page.getByTestId('audit-preview').first().textContent())
      .toMatch(/decisions\.csv: 0 rows/);
    expect(await download('decisions.csv')).not.toContain('Adopt');
  });

  it('shows why a period that ends before it starts is refused', async () => {
    const { page } = alice;
    await page.getByTestId('audit-from').fill('2020-02-01');
    await page.getByTestId('audit-to').fill('2020-01-01');
    await page.getByTestId('audit-submit').click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/ends before it starts/);
    expect(await page.getByTestId('audit-file').count()).toBe(0);
    await screenshot(page, 'audit-3-refused');
  });
});
