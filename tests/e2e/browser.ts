/**
 * Debian's Chromium driven by playwright-core, one persistent profile per participant in a fresh
 * folder, as a person opening the app in their own browser. Screenshots go to
 * tests/e2e/screenshots/, where they can be looked at after a run.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { tempDir } from '../helpers/cli';

export const CHROMIUM = process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');

/** Chromium's flags for these machines: no sandbox as root, no GPU, nothing phoning home. */
export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Participant = { context: BrowserContext; page: Page; close: () => Promise<void> };

/** A browser of its own (fresh profile) with one page open at `url`. */
export const openBrowser = async (
  url: string,
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<Participant> => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set STEWARD_CHROMIUM)`,
    );
  const context = await chromium.launchPersistentContext(tempDir('steward-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
};

export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  // Page code as text: this project's Node types know no `window`.
  const [x, y] = await page.evaluate<[number, number]>('[scrollX, scrollY]');
  await page.screenshot({ path: file, fullPage: true });
  // A full-page shot scrolls the page and puts it back a moment later: wait until it is back, so
  // that the next click lands where the test saw the button.
  await page.waitForFunction(`scrollX === ${x} && scrollY === ${y}`, undefined, {
    polling: 'raf',
  });
  return file;
};
