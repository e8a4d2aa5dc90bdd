/** steward init DIR, and steward charter sign for the other founders. */
import type { Command } from 'commander';
import { StewardError } from '../../../shared/errors';
import { parseDuration } from '../../../shared/duration';
import { found, signCharter, type FoundResult } from '../../core/governance/found';
import { collect, founderArg } from '../args';
import { unlock } from '../env';
import { bold } from '../output';
import type { Opts, Run, Runtime } from '../runtime';

const fraction = (name: string, text: Opts[string]): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (String(text).trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new StewardError(
      'invalid-argument',
      `--${name} must be a number from 0 to 1, got "${String(text)}"`,
    );
  }
  return n;
};

const report = (rt: Runtime, result: FoundResult, name: string): void => {
  rt.out.result(result, () =>
    result.group
      ? `Founded ${bold(name)} in ${result.dir}\n  group  ${result.group}`
      : `Charter drafted in ${result.dir}; it takes effect when every founder has signed.\n` +
        `Still to sign: ${result.pending.map((p) => `${p.name} (${p.id.slice(0, 12)})`).join(', ')}\n` +
        `Each runs: steward charter sign --repo ${result.dir}`,
  );
};

export const registerInit = (program: Command, run: Run): void => {
  program
    .command('init')
    .description('found a group: create its repo with a genesis charter signed by its founders')
    .argument('<dir>', 'the folder for the new repo')
    .requiredOption('--name <group>', "the group's name")
    .option(
      '--member <publickey:name>',
      'another founder (repeatable); they sign with `steward charter sign`',
      collect,
    )
    .option('--quorum <fraction>', 'share of the electorate that must vote (default 0.5)')
    .option(
      '--threshold <fraction>',
      'a proposal passes when yes > threshold × (yes + no) (default 0.5)',
    )
    .option(
      '--voting-period <duration>',
      'how long proposals stay open, e.g. 72h, 3d (default 72h)',
    )
    .option('--bare', 'create a bare repo (no work tree)')
    .action(
      run(async (rt, opts, [dir]) => {
        const votingPeriod =
          opts.votingPeriod === undefined ? undefined : parseDuration(String(opts.votingPeriod));
        if (opts.votingPeriod !== undefined && votingPeriod === undefined) {
          throw new StewardError(
            'invalid-argument',
            `--voting-period must be a duration like 72h, got "${String(opts.votingPeriod)}"`,
          );
        }
        const rules = {
          ...(fraction('quorum', opts.quorum) !== undefined
            ? { quorum: fraction('quorum', opts.quorum)! }
            : {}),
          ...(fraction('threshold', opts.threshold) !== undefined
            ? { threshold: fraction('threshold', opts.threshold)! }
            : {}),
          ...(votingPeriod !== undefined ? { votingPeriod } : {}),
        };
        const founders = ((opts.member as string[] | undefined) ?? []).map(founderArg);
        const signer = await unlock(rt.env);
        const result = await found({
          path: dir!,
          name: String(opts.name),
          founders,
          rules,
          bare: opts.bare === true,
          signer,
          now: rt.env.now(),
        });
        report(rt, result, String(opts.name));
      }),
    );
  const charter = program.command('charter').description('the genesis charter');
  charter
    .command('sign')
    .description('add your signature to the charter draft of the repo (as a founder)')
    .action(
      run(async (rt) => {
        const result = await signCharter(rt.repo, await unlock(rt.env));
        report(rt, result, 'the group');
      }),
    );
};
