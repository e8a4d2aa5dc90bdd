/**
 * Builds the demo group "Riverside Community AI Lab" with the real command line, every step dated
 * from 2026-01-05, and writes OUTDIR/group.bundle and OUTDIR/README.md; private keys stay in a temp
 * folder that is deleted. Run `npm run build:cli` first, then
 * `npx tsx scripts/demo-group.ts OUTDIR` (the shipped copy lives in resources/demo/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeTinyEncoder } from './tiny-models';

const CLI = resolve(import.meta.dirname, '../out/cli/index.js');
const PASSPHRASE = 'riverside demo only';
const NAMES = ['Ana', 'Ben', 'Chloé', 'Dev'] as const;
type Name = (typeof NAMES)[number];

/** 2026-01-05 plus `day` days and `hour` hours, UTC. */
const at = (day: number, hour = 9): string =>
  new Date(Date.UTC(2026, 0, 5 + day, hour)).toISOString();

/** The demo's story, as the proposals it leaves and their statuses. */
const demoProposals = [
  {
    title: 'Register Tiny Sentiment for the feedback box',
    kind: 'register-model',
    status: 'passed',
  },
  {
    title: 'Ben passes 10 shares of Tiny Sentiment to Dev',
    kind: 'transfer-shares',
    status: 'passed',
  },
  {
    title: 'Use Tiny Sentiment to sort feedback-box comments',
    kind: 'approve-use',
    status: 'passed',
  },
  { title: 'Open the lab on Sunday mornings', kind: 'resolution', status: 'rejected' },
  { title: 'Which model should we evaluate next?', kind: 'poll', status: 'passed' },
  {
    title: 'Publish our evaluation results on the library website',
    kind: 'resolution',
    status: 'open',
  },
  { title: 'Pick a day for the March workshop', kind: 'poll', status: 'open' },
] as const;

const README = `# Riverside Community AI Lab — demo group

\`group.bundle\` is a git bundle of a small, made-up Steward group: four members (Ana, Ben, Chloé
and Dev) who registered a tiny sentiment model, moved shares in it, approved one use, turned down
a resolution, ran a ranked poll, and left two proposals open. Every statement in it is signed
with throwaway demo keys made for this purpose alone; the private keys were never kept, so nobody
can add to it as these members. Open it with \`steward clone group.bundle DIR\`, then
\`steward verify\` and \`steward list\`. It is dated January 2026: opened later, its two open
proposals are past their deadline and show as closable. Rebuild it with
\`npx tsx scripts/demo-group.ts resources/demo\`.
`;

type Json = Record<string, unknown>;

const buildDemo = async (out: string): Promise<void> => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli first`);
  const work = mkdtempSync(join(tmpdir(), 'steward-demo-'));
  const repo = join(work, 'riverside');
  const run = (who: Name, now: string, args: string[], inRepo = true): Json => {
    const r = spawnSync(
      process.execPath,
      [CLI, ...args, ...(inRepo ? ['--repo', repo] : []), '--json'],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          HOME: work,
          STEWARD_HOME: join(work, 'homes', who),
          STEWARD_PASSPHRASE: PASSPHRASE,
          STEWARD_NOW: now,
        },
      },
    );
    if (r.status !== 0)
      throw new Error(`${who}: steward ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return JSON.parse(r.stdout) as Json;
  };
  const propose = (who: Name, now: string, kind: string, title: string, ...args: string[]) =>
    run(who, now, ['propose', kind, '--title', title, ...args]).id as string;
  const vote = (who: Name, now: string, id: string, ...args: string[]) =>
    run(who, now, ['vote', id, ...args]);
  /** Closes, then certifies in turn until the close is final. */
  const decide = (closer: Name, now: string, id: string) => {
    run(closer, now, ['close', id]);
    for (const who of NAMES) if (run(who, now, ['certify', id]).final === true) return;
    throw new Error(`${id} did not become final`);
  };

  try {
    const keys = Object.fromEntries(
      NAMES.map((n) => [n, run(n, at(0, 8), ['identity', 'create', '--name', n], false).publicKey]),
    ) as Record<Name, string>;
    const others = NAMES.filter((n) => n !== 'Ana').flatMap((n) => ['--member', `${keys[n]}:${n}`]);
    run(
      'Ana',
      at(0),
      ['init', repo, '--name', 'Riverside Community AI Lab', '--voting-period', '72h', ...others],
      false,
    );
    for (const n of ['Ben', 'Chloé', 'Dev'] as const) run(n, at(0, 10), ['charter', 'sign']);

    const modelDir = join(work, 'tiny-sentiment');
    await writeTinyEncoder(modelDir);
    const [register, transfer, approve, sundays, poll, publish, workshop] = demoProposals.map(
      (p) => p.title,
    );
    const reg = run('Ana', at(1), [
      'model',
      'import',
      modelDir,
      '--model',
      'tiny-sentiment',
      '--version',
      '1.0',
      '--propose',
      '--title',
      register!,
      '--name',
      'Tiny Sentiment',
      '--license',
      'Apache-2.0',
      '--owner',
      'Ana=40',
      '--owner',
      'Ben=30',
      '--owner',
      'Chloé=30',
    ]);
    const regId = (reg.proposal as Json).id as string;
    vote('Ana', at(1, 10), regId, 'yes');
    vote('Ben', at(1, 11), regId, 'yes', '--reason', 'small enough to run on the library laptop');
    vote('Chloé', at(1, 12), regId, 'yes');
    vote('Dev', at(1, 13), regId, 'abstain', '--reason', 'I have not read the licence yet');
    decide('Ana', at(1, 14), regId);

    const giveId = propose(
      'Ben',
      at(2),
      'transfer-shares',
      transfer!,
      '--model',
      'tiny-sentiment',
      '--from',
      'Ben',
      '--to',
      'Dev',
      '--shares',
      '10',
    );
    vote('Ben', at(2, 10), giveId, 'yes');
    vote('Ana', at(2, 15), giveId, 'yes');
    vote('Chloé', at(3, 9), giveId, 'no', '--reason', 'Dev has not asked for them');
    vote('Chloé', at(3, 18), giveId, 'yes', '--reason', 'Dev asked after all');
    decide('Ben', at(5, 10), giveId);

    const useId = propose(
      'Chloé',
      at(6),
      'approve-use',
      approve!,
      '--model',
      'tiny-sentiment',
      '--version',
      '1.0',
      '--purpose',
      'sort feedback-box comments by sentiment for the monthly report',
    );
    vote('Ana', at(6, 11), useId, 'yes');
    vote('Ben', at(6, 12), useId, 'yes');
    vote('Chloé', at(6, 13), useId, 'yes');
    vote(
      'Dev',
      at(7, 9),
      useId,
      'no',
      '--reason',
      'people should be told their comments are sorted by a model',
    );
    decide('Chloé', at(7, 10), useId);

    const sundayId = propose('Dev', at(8), 'resolution', sundays!);
    vote('Dev', at(8, 10), sundayId, 'yes');
    vote('Ana', at(8, 12), sundayId, 'no', '--reason', 'no volunteer for Sunday keys');
    vote('Ben', at(9, 9), sundayId, 'yes');
    vote('Chloé', at(9, 17), sundayId, 'no', '--reason', 'the library is closed on Sundays');
    decide('Dev', at(11, 10), sundayId);

    const pollId = propose(
      'Ana',
      at(12),
      'poll',
      poll!,
      '--method',
      'ranked',
      '--option',
      'a Dutch sentiment model',
      '--option',
      'a small summariser',
      '--option',
      'a speech-to-text model',
    );
    vote('Ana', at(12, 10), pollId, '--choice', 'B,A');
    vote('Ben', at(12, 11), pollId, '--choice', 'A,B,C');
    vote('Chloé', at(13, 9), pollId, '--choice', 'B,C');
    vote('Dev', at(13, 20), pollId, '--choice', 'C,B');
    decide('Ana', at(14, 9), pollId);

    const publishId = propose('Chloé', at(15), 'resolution', publish!);
    vote('Chloé', at(15, 10), publishId, 'yes');
    vote('Ana', at(15, 14), publishId, 'yes', '--reason', 'with the dataset described');
    const workshopId = propose(
      'Ben',
      at(16),
      'poll',
      workshop!,
      '--method',
      'approval',
      '--option',
      'Tuesday 10 March',
      '--option',
      'Wednesday 11 March',
      '--option',
      'Saturday 14 March',
    );
    vote('Ben', at(16, 10), workshopId, '--choice', 'A,C');

    run('Ana', at(16, 12), ['verify', '--strict']);
    mkdirSync(out, { recursive: true });
    rmSync(join(out, 'group.bundle'), { force: true });
    run('Ana', at(16, 12), ['bundle', 'create', join(out, 'group.bundle')]);
    writeFileSync(join(out, 'README.md'), README);
    console.log(
      `wrote ${join(out, 'group.bundle')} (${statSync(join(out, 'group.bundle')).size} bytes) and README.md`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: npx tsx scripts/demo-group.ts OUTDIR');
  process.exit(2);
}
await buildDemo(resolve(outDir));
