import { describe, expect, it } from 'vitest';
import type { FetchView } from '../../../shared/api-types';
import {
  bytesWords,
  fetchSummary,
  filesHereWords,
  progressWords,
  pushSummary,
  refusalWords,
  timeLeftWords,
} from '../../../renderer/models/transfer-words';

const file = (path: string, status: 'present' | 'fetched' | 'missing', source: string | null) => ({
  path,
  sha256: 'ab'.repeat(32),
  size: 10,
  source,
  status,
});

describe('filesHereWords', () => {
  it.each([
    [8, 8, 0, 'All 8 files here'],
    [1, 1, 0, 'The file is here'],
    [5, 8, 412_000_000, '3 of 8 files missing, 412 MB'],
    [0, 1, 2_500, '1 of 1 file missing, 2.5 kB'],
    [5, 8, null, '3 of 8 files missing'],
    [5, 8, undefined, '3 of 8 files missing'],
    [0, 0, 0, 'No files recorded'],
  ])('says %i of %i here (%s bytes missing) as "%s"', (here, total, bytes, words) => {
    expect(filesHereWords(here, total, bytes)).toBe(words);
  });
});

describe('filesHereWords for another computer', () => {
  it('names the host’s computer instead of here', () => {
    const where = "on the host's computer";
    expect(filesHereWords(8, 8, 0, where)).toBe("All 8 files on the host's computer");
    expect(filesHereWords(5, 8, 412_000_000, where)).toBe(
      "3 of 8 files missing on the host's computer, 412 MB",
    );
  });
});

describe('bytesWords', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1_000, '1.0 kB'],
    [12_345, '12 kB'],
    [3_400_000, '3.4 MB'],
    [412_000_000, '412 MB'],
    [1_234_000_000, '1.2 GB'],
    [2_000_000_000_000, '2.0 TB'],
    [-5, '0 B'],
  ])('writes %d bytes as %s, with a unit', (bytes, words) => {
    expect(bytesWords(bytes)).toBe(words);
  });
});

describe('timeLeftWords', () => {
  it.each([
    [0, 100, 0, undefined],
    [0, 0, 10, undefined],
    [0, 100, 50, 'a few seconds left'],
    [0, 30_000_000, 1_000_000, 'less than a minute left'],
    [0, 120_000_000, 1_000_000, 'about 2 minutes left'],
    [0, 60_000_000, 1_000_000, 'about 1 minute left'],
    [0, 7_200_000_000, 1_000_000, 'about 2 hours left'],
    [100, 100, 10, 'a few seconds left'],
  ])('from %d of %d bytes at %d B/s says %s', (bytes, total, rate, words) => {
    expect(timeLeftWords(bytes, total, rate)).toBe(words);
  });
});

describe('progressWords', () => {
  it('joins the bytes moved, the rate and the time left', () => {
    expect(progressWords(12_000_000, 412_000_000, 3_400_000)).toBe(
      '12 MB of 412 MB · 3.4 MB/s · about 2 minutes left',
    );
  });

  it('leaves out the rate and time left until a rate is known', () => {
    expect(progressWords(0, 412_000_000, 0)).toBe('0 B of 412 MB');
  });
});

describe('fetchSummary', () => {
  const base = { model: 'tiny', version: '1.0', refused: [] } as const;

  it('names what came in and from where when every file is here', () => {
    const result: FetchView = {
      ...base,
      files: [file('config.json', 'present', null), file('onnx/model.onnx', 'fetched', 'alice')],
      fetched: 1,
      bytes: 4_096,
      refused: [],
    };
    expect(fetchSummary(result)).toBe('Fetched 1 file (4.1 kB) from alice.');
  });

  it('says nothing was needed when every file was here', () => {
    const result: FetchView = {
      ...base,
      files: [file('a', 'present', null), file('b', 'present', null)],
      fetched: 0,
      bytes: 0,
      refused: [],
    };
    expect(fetchSummary(result)).toBe('All 2 files here: nothing to fetch.');
  });

  it('says what is still missing, and names each refused source with its reason', () => {
    const result: FetchView = {
      ...base,
      files: [file('a', 'missing', null), file('b', 'missing', null)],
      fetched: 0,
      bytes: 0,
      refused: [
        { source: 'alice', path: 'a', sha256: 'ab'.repeat(32), reason: 'its bytes do not hash' },
      ],
    };
    expect(fetchSummary(result)).toBe(
      'Nothing was fetched. Still missing: 2 files; no source had them.',
    );
    expect(refusalWords(result.refused)).toEqual([
      'alice was refused for a: its bytes do not hash',
    ]);
  });
});

describe('pushSummary', () => {
  it('says what was uploaded and what the remote had', () => {
    expect(
      pushSummary({
        model: 'tiny',
        version: '1.0',
        target: 'forge',
        files: [
          { path: 'a', sha256: 'a', size: 1, status: 'uploaded' },
          { path: 'b', sha256: 'b', size: 1, status: 'already-there' },
        ],
        uploaded: 1,
        bytes: 2_000_000,
      }),
    ).toBe('Uploaded 1 file (2.0 MB) to forge; 1 file was there already.');
  });
});
