/** steward identity create | show | rotate */
import type { Command } from 'commander';
import { rotateKey } from '../../core/governance/rotate';
import { bold, dim } from '../output';
import { openLedger, type Run } from '../runtime';

export const registerIdentity = (program: Command, run: Run): void => {
  const identity = program.command('identity').description('your key: create, show or rotate it');
  identity
    .command('create')
    .description('create an Ed25519 identity, sealed with a passphrase in STEWARD_HOME')
    .requiredOption('--name <name>', 'your name, as the group will see it')
    .action(
      run(async (rt, opts) => {
        const passphrase = await rt.env.passphrase('create');
        const created = await rt.env.keystore.create(String(opts.name), passphrase, rt.env.now());
        rt.out.result(
          created,
          () =>
            `Created identity ${bold(created.name)}\n  id          ${created.id}\n  public key  ${created.publicKey}\n${dim(`  stored in   ${rt.env.keystore.home}`)}`,
        );
      }),
    );
  identity
    .command('show')
    .description('show your identity (never the private key)')
    .action(
      run(async (rt) => {
        const shown = await rt.env.keystore.show();
        rt.out.result(
          shown,
          () => `${bold(shown.name)}\n  id          ${shown.id}\n  public key  ${shown.publicKey}`,
        );
      }),
    );
  identity
    .command('rotate')
    .description(
      'replace your key: the group learns the new key from a statement signed with the old one',
    )
    .action(
      run(async (rt) => {
        const ledger = await openLedger(rt);
        const rotated = await rotateKey(
          ledger,
          rt.env.keystore,
          await rt.env.passphrase('unlock'),
          rt.env.now(),
        );
        rt.out.result(
          rotated,
          () =>
            `Rotated the key of ${bold(rotated.name)}\n  new public key  ${rotated.publicKey}\n  statement       ${rotated.rotation}`,
        );
      }),
    );
};
