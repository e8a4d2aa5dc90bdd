/** steward remote add|list|remove, sync, clone, bundle create, credential */
import { writeFile, rename } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import git from 'isomorphic-git';
import * as fs from 'node:fs';
import { StewardError } from '../../../shared/errors';
import { Ledger } from '../../core/ledger/ledger';
import { createBundle } from '../../core/sync/bundle';
import { readCommit } from '../../core/sync/graph';
import type { HttpAuth } from '../../core/sync/remote-http';
import { makeProof } from '../../core/sync/proof';
import { fetchChallenge } from '../../core/sync/proof-http';
import { addRemoteOrFolder } from '../../core/sync/folder-remotes';
import { remotesWithStatus, removeRemote } from '../../core/sync/remotes';
import { resolveTargets, syncWith, type SyncReport } from '../../core/sync/sync';
import { unlock } from '../env';
import { bold, dim, table, yellow } from '../output';
import { openLedger, type Run, type Runtime } from '../runtime';
import { syncProgress } from '../progress';
import { describeModels, exportModelsBeside } from './bundle-models';

/** Credentials for a forge from the environment; a member's signed proof for a Steward peer. */
export const authOf = (rt: Runtime): HttpAuth => {
  if (rt.env.gitToken) return { credentials: rt.env.gitToken };
  return {
    signer: async () => {
      try {
        await rt.env.keystore.show();
      } catch (error) {
        if (error instanceof StewardError && error.code === 'no-identity') return undefined;
        throw error;
      }
      return unlock(rt.env);
    },
  };
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const describeReport = (r: SyncReport): string => {
  const n = r.new;
  const lines = [
    `${bold(r.target)}: ${r.outcome}${r.pushed ? ', pushed' : ''}${r.reason ? dim(` (not pushed: ${r.reason})`) : ''}`,
  ];
  const counts = [
    plural(n.proposals.length, 'proposal'),
    plural(n.votes.length, 'vote'),
    plural(n.closes.length, 'close'),
    ...(n.other.length ? [plural(n.other.length, 'other statement')] : []),
  ];
  lines.push(`  new: ${counts.join(', ')}`);
  for (const p of n.proposals.slice(0, 10))
    lines.push(`  + proposal ${p.id.slice(0, 8)} ${p.kind} "${p.title}" by ${p.author}`);
  if (n.proposals.length > 10)
    lines.push(dim(`  … and ${n.proposals.length - 10} more (steward list)`));
  if (n.quarantined.length > 0) {
    lines.push(
      yellow(`  quarantined: ${n.quarantined.length} (kept in the history, never counted)`),
    );
    for (const q of n.quarantined) lines.push(yellow(`  ! ${q.path}: ${q.reason} — ${q.detail}`));
  }
  return lines.join('\n');
};

export const registerSync = (program: Command, run: Run): void => {
  const remote = program
    .command('remote')
    .description("manage the repo's remotes (git's own config)");
  remote
    .command('add')
    .description(
      'name a remote (an http(s) URL: a forge, a git server, a peer running steward serve; or the full path of a folder holding a copy of the group)',
    )
    .argument('<name>')
    .argument('<url>')
    .action(
      run(async (rt, _opts, [name, url]) => {
        const ledger = await openLedger(rt);
        const added = await addRemoteOrFolder(ledger.repo, name!, url!);
        rt.out.result(added, () => `Added remote ${bold(added.name)} ${added.url}`);
      }),
    );
  remote
    .command('list')
    .description('list the remotes')
    .action(
      run(async (rt) => {
        const { repo } = await openLedger(rt);
        const remotes = await remotesWithStatus(repo);
        rt.out.result(remotes, () =>
          remotes.length === 0
            ? dim('no remotes')
            : table(
                ['NAME', 'URL', 'LAST SYNC', 'TO SEND', 'NOT BROUGHT IN'],
                remotes.map((r) => [
                  r.name,
                  r.url,
                  r.status ? (r.status.synced ?? 'never') : '?',
                  r.status ? String(r.status.ahead) : '?',
                  r.status ? String(r.status.behind) : '?',
                ]),
              ),
        );
      }),
    );
  remote
    .command('remove')
    .description('forget a remote')
    .argument('<name>')
    .action(
      run(async (rt, _opts, [name]) => {
        await removeRemote((await openLedger(rt)).repo, name!);
        rt.out.result({ removed: name }, () => `Removed remote ${name}`);
      }),
    );

  program
    .command('sync')
    .description(
      'exchange statements with a remote, a URL, a bundle file or a repo folder (default: every remote)',
    )
    .argument('[target]', 'a remote name, an http(s) URL, a .bundle file, or a repo folder')
    .action(
      run(async (rt, _opts, [target]) => {
        const ledger = await openLedger(rt);
        const reports: SyncReport[] = [];
        for (const t of await resolveTargets(ledger, target)) {
          const progress = syncProgress(rt.out.json);
          try {
            reports.push(
              await syncWith(ledger, t, {
                auth: authOf(rt),
                now: rt.env.now(),
                onProgress: progress.onProgress,
              }),
            );
          } finally {
            progress.done();
          }
        }
        rt.out.result(target === undefined ? reports : reports[0], () =>
          reports.map(describeReport).join('\n'),
        );
      }),
    );

  program
    .command('clone')
    .description("join a group: make a new repo from a peer's URL, a bundle file or a repo folder")
    .argument('<source>', 'an http(s) URL, a .bundle file, or a repo folder')
    .argument('<dir>', 'the folder for the new repo')
    .action(
      run(async (rt, _opts, [source, dir]) => {
        const ledger = await Ledger.init(dir!);
        const [target] = await resolveTargets(ledger, source);
        if (target!.route === 'http') {
          await git.addRemote({ fs, gitdir: ledger.repo.gitdir, remote: 'origin', url: source! });
          target!.remote = 'origin';
        }
        const progress = syncProgress(rt.out.json);
        let report: SyncReport;
        try {
          report = await syncWith(ledger, target!, {
            auth: authOf(rt),
            now: rt.env.now(),
            onProgress: progress.onProgress,
          });
        } finally {
          progress.done();
        }
        rt.out.result(
          { dir: resolve(dir!), ...report },
          () => `Cloned into ${resolve(dir!)}\n${describeReport(report)}`,
        );
      }),
    );

  program
    .command('bundle')
    .description('bundle files, for USB sticks and shared folders')
    .command('create')
    .description('write main (or what came after --since) as a git bundle')
    .argument('<file>')
    .option(
      '--since <ref>',
      'only what came after this commit (id, prefix, or ref such as a remote branch)',
    )
    .option('--with-models', 'also write beside it the files of every version held here in full')
    .action(
      run(async (rt, opts, [file]) => {
        const ledger = await openLedger(rt);
        const since =
          opts.since === undefined ? undefined : await resolveCommit(ledger, String(opts.since));
        const bundle = await createBundle(ledger.repo, since);
        const path = resolve(file!);
        // Written whole, then renamed: a stick pulled mid-write leaves no half bundle under the name.
        await writeFile(`${path}.tmp`, bundle.bytes);
        await rename(`${path}.tmp`, path);
        const models = opts.withModels
          ? await exportModelsBeside(rt, ledger, dirname(path))
          : undefined;
        const result = {
          file: path,
          head: bundle.head,
          objects: bundle.objects,
          bytes: bundle.bytes.length,
          prerequisites: bundle.prerequisites,
          ...(models ? { models } : {}),
        };
        rt.out.result(
          result,
          () =>
            `Wrote ${path}: ${plural(bundle.objects, 'object')}, ${bundle.bytes.length} bytes` +
            (since
              ? `, needing ${bundle.prerequisites.map((p) => p.slice(0, 12)).join(', ')}`
              : '') +
            (models ? `\n${describeModels(models)}` : ''),
        );
      }),
    );
};

/**
 * A commit named as git names them: a full id, a unique prefix, or a ref (HEAD, main, a tag,
 * origin/main), optionally followed by ~N or ^ to step back along first parents.
 */
const resolveCommit = async (ledger: Ledger, spec: string): Promise<string> => {
  const m = /^(.*?)((?:~\d*|\^)*)$/.exec(spec)!;
  let oid = await resolveBase(ledger, m[1]!, spec);
  for (const step of m[2]!.match(/~\d*|\^/g) ?? []) {
    const n = step === '^' || step === '~' ? 1 : Number(step.slice(1));
    for (let i = 0; i < n; i++) {
      const parent = (await readCommit((o) => ledger.repo.objects.read(o), oid)).parents[0];
      if (!parent)
        throw new StewardError('not-found', `--since ${spec}: the history is not that long`);
      oid = parent;
    }
  }
  return oid;
};

const resolveBase = async (ledger: Ledger, ref: string, spec: string): Promise<string> => {
  const gitdir = ledger.repo.gitdir;
  try {
    return await git.resolveRef({
      fs,
      gitdir,
      ref: /^[^/]+\/main$/.test(ref) ? `refs/remotes/${ref}` : ref,
    });
  } catch {
    // Not a ref: perhaps an id or a prefix of one.
  }
  if (/^[0-9a-f]{4,40}$/.test(ref)) {
    try {
      const oid = await git.expandOid({ fs, gitdir, oid: ref, cache: ledger.repo.cache });
      if ((await ledger.repo.objects.read(oid))?.type === 'commit') return oid;
    } catch (error) {
      if ((error as { code?: string }).code === 'AmbiguousError')
        throw new StewardError(
          'ambiguous-id',
          `${ref} is the start of several objects: give more of it`,
        );
    }
  }
  throw new StewardError('not-found', `--since ${spec}: no such commit or ref in this repo`);
};

/**
 * `steward credential get`: a git credential helper, so the git CLI can push to a peer's
 * `steward serve` as a member: `git config credential.helper '!steward credential'`. It fetches a
 * fresh challenge from the server git is talking to and answers with a proof signed for that
 * server's origin as git gave it (protocol, host and port) and the group the server holds.
 */
export const registerCredential = (program: Command, run: Run): void => {
  program
    .command('credential')
    .description('git credential helper: answers git with a member proof for a steward serve peer')
    .argument('<operation>', 'get (store and erase are accepted and ignored)')
    .action(
      run(async (rt, _opts, [operation]) => {
        if (operation !== 'get') return;
        const fields = new Map<string, string>();
        for (const line of (await readStdin()).split('\n')) {
          const eq = line.indexOf('=');
          if (eq > 0) fields.set(line.slice(0, eq), line.slice(eq + 1).trim());
        }
        const protocol = fields.get('protocol');
        const host = fields.get('host');
        if ((protocol !== 'http' && protocol !== 'https') || !host) return;
        const path = fields.get('path') ?? '';
        // The proof names the origin git dialled (protocol and host, with any port), and only it.
        const url = `${protocol}://${host}/${path.replace(/^\//, '')}`;
        const target = await fetchChallenge(url);
        if (!target) return;
        const proof = makeProof(await unlock(rt.env), target);
        process.stdout.write(`username=${proof.username}\npassword=${proof.password}\n`);
      }),
    );
};

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
