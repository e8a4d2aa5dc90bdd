/**
 * The local run log: who ran which model version, with which file hashes, when, for which task.
 * One JSON line per run in `<STEWARD_HOME>/models/run-log.jsonl`, on this machine only; it reaches
 * anyone else only if its owner exports it. Inputs and outputs are not kept, only their sizes.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Task } from './inference';

export type RunLogEntry = {
  at: string;
  /** The identity on this machine when it ran, if there was one. */
  member?: { id: string; name: string };
  model: string;
  version: string;
  files: { path: string; sha256: string }[];
  task: Task;
  /** What ran it: a single run, an evaluation, a reproduction, or the app. */
  via: 'run' | 'eval' | 'reproduce' | 'app';
  outcome: 'ok' | 'cancelled' | 'failed';
  ms: number;
  inputChars: number;
  /** Evaluations and reproductions: dataset items run. */
  items?: number;
  error?: string;
};

export class RunLog {
  constructor(readonly path: string) {}

  async append(entry: RunLogEntry): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    // One write of one line: lines of concurrent runs never interleave.
    await appendFile(this.path, `${JSON.stringify(entry)}\n`);
  }

  /** Every entry, oldest first; a torn last line (a process killed mid-write) is skipped. */
  async read(): Promise<RunLogEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: RunLogEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as RunLogEntry);
      } catch {
        // A partial line: the run it described never finished writing it.
      }
    }
    return entries;
  }
}
