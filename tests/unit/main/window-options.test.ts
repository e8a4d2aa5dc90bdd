import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, windowOptions } from '../../../electron/main/window-options';

const directives = (policy: string): Map<string, string> =>
  new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== '')
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );

describe('windowOptions', () => {
  const options = windowOptions('/app/out/preload/index.cjs');

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
  ] as const)('sets %s to %s', (key, value) => {
    expect(options[key]).toBe(value);
  });

  it('loads the given CommonJS preload', () => {
    expect(options.preload).toBe('/app/out/preload/index.cjs');
  });
});

describe('contentSecurityPolicy', () => {
  const policy = directives(contentSecurityPolicy);

  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
  ])('sets %s to %s', (name, value) => {
    expect(policy.get(name)).toBe(value);
  });

  it('allows no inline or evaluated script anywhere', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:|blob:/);
  });

  it('is repeated in the page, but for frame-ancestors which only works as a header', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    const inPage = directives(meta?.[1] ?? '');
    const expected = new Map(policy);
    expected.delete('frame-ancestors');
    expect(inPage).toEqual(expected);
  });
});
