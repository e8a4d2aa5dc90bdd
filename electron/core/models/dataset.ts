/** An evaluation's dataset: JSON lines, `{"input", "expected"}` each, known by its SHA-256. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { StewardError } from '../../../shared/errors';

export type EvalItem = { input: string; expected?: unknown };
export type Dataset = { name: string; sha256: string; items: EvalItem[] };

/** Reads a JSONL dataset; a bad line is named by its number. */
export const parseDataset = (name: string, bytes: Buffer): Dataset => {
  const items: EvalItem[] = [];
  const lines = bytes.toString('utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${name}, line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new StewardError('invalid-argument', `${where} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new StewardError('invalid-argument', `${where} is not an object`);
    const { input, expected } = value as Record<string, unknown>;
    if (typeof input !== 'string')
      throw new StewardError('invalid-argument', `${where} has no "input" text`);
    items.push(expected === undefined ? { input } : { input, expected });
  });
  if (items.length === 0) throw new StewardError('invalid-argument', `${name} holds no items`);
  return { name, sha256: createHash('sha256').update(bytes).digest('hex'), items };
};

export const readDataset = async (file: string): Promise<Dataset & { bytes: Buffer }> => {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new StewardError(
      'not-found',
      `cannot read the dataset ${file}: ${(error as Error).message}`,
    );
  }
  return { ...parseDataset(basename(file), bytes), bytes };
};

/**
 * A dataset's file name as evidence may carry it: no control characters, at most 200 code points
 * (the format's limit), so that any file a user names can be recorded.
 */
export const datasetLabel = (name: string): string =>
  [...name.replace(/\p{Cc}/gu, '').trim()].slice(0, 200).join('') || 'dataset';
