/** docs/api.md names every channel of the contract, and no channel the contract lacks. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventChannels, requestChannels } from '../../../shared/api-channels';

const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/api.md'), 'utf8');
const listed = (heading: string): string[] => {
  const section = doc.slice(doc.indexOf(heading));
  const paragraph = section.slice(0, section.indexOf('\n\n'));
  return [...paragraph.matchAll(/`([a-z]+:[A-Za-z]+)`/g)].map((m) => m[1]!);
};

describe('docs/api.md', () => {
  it('lists every request channel', () => {
    expect(listed('Requests:').sort()).toEqual([...requestChannels].sort());
  });
  it('lists every event', () => {
    expect(listed('Events:').sort()).toEqual([...eventChannels].sort());
  });
});
