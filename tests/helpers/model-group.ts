/**
 * A one-member group whose tiny generated models (scripts/tiny-models.ts) are imported and
 * registered through the command line, as a user would: `model import --propose`, vote, close.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  writeTinyDecoder,
  writeTinyEncoder,
  type TinyDecoderFacts,
  type TinyEncoderFacts,
} from '../../scripts/tiny-models';
import { steward, tempDir, type CliResult } from './cli';

export type StoredFile = { path: string; sha256: string; size: number };
export type ErrorOut = { code: string; message: string; data?: Record<string, unknown> };

export type ModelGroup = {
  root: string;
  home: string;
  repo: string;
  bertDir: string;
  gptDir: string;
  bert: TinyEncoderFacts;
  gpt: TinyDecoderFacts;
  /** What `model import` printed for each model. */
  imported: { bert: StoredFile[]; gpt: StoredFile[] };
  env: () => Record<string, string>;
  /** Runs `steward ARGS --json` in the repo. */
  run: (...args: string[]) => CliResult;
  ok: <T = Record<string, unknown>>(...args: string[]) => T;
  fails: (...args: string[]) => ErrorOut;
  /** Opens a proposal, votes yes, closes it. */
  pass: (...args: string[]) => string;
};

export const modelGroup = async (): Promise<ModelGroup> => {
  const root = tempDir('steward-models-');
  const home = join(root, 'home');
  const repo = join(root, 'group');
  let minute = 0;
  // Each command a minute later than the one before, so that closes come after their votes.
  const env = () => ({
    STEWARD_HOME: home,
    STEWARD_PASSPHRASE: 'correct horse battery',
    STEWARD_NOW: new Date(Date.UTC(2026, 5, 1, 0, minute++)).toISOString(),
  });
  const run = (...args: string[]) => steward([...args, '--json'], env(), repo);
  const ok = <T>(...args: string[]): T => {
    const r = run(...args);
    if (r.status !== 0) throw new Error(`steward ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return r.json as T;
  };
  const fails = (...args: string[]): ErrorOut => {
    const r = run(...args);
    if (r.status === 0) throw new Error(`steward ${args.join(' ')} should have failed`);
    return (r.json as { error: ErrorOut }).error;
  };
  const close = (id: string) => {
    ok('vote', id, 'yes');
    ok('close', id);
    return id;
  };
  const pass = (...args: string[]) => close(ok<{ id: string }>('propose', ...args).id);

  mkdirSync(repo, { recursive: true });
  ok('identity', 'create', '--name', 'Alice');
  ok('init', repo, '--name', 'Lab', '--voting-period', '1h');
  const bertDir = join(root, 'tiny-bert');
  const gptDir = join(root, 'tiny-gpt2');
  const bert = await writeTinyEncoder(bertDir);
  const gpt = await writeTinyDecoder(gptDir);
  const imports = (dir: string, slug: string) => {
    const r = ok<{ files: StoredFile[]; proposal: { id: string } }>(
      'model',
      'import',
      dir,
      '--model',
      slug,
      '--version',
      '1.0',
      '--propose',
      '--name',
      slug,
      '--license',
      'MIT',
      '--owner',
      'Alice=100',
    );
    close(r.proposal.id);
    return r.files;
  };
  const imported = { bert: imports(bertDir, 'bert'), gpt: imports(gptDir, 'gpt') };
  return { root, home, repo, bertDir, gptDir, bert, gpt, imported, env, run, ok, fails, pass };
};
