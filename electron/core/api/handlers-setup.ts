/**
 * The guided start and the host's settings: this machine's identity (create, import, export), and
 * the group the app has open (found, join, the demo). The host's own client alone may call them.
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { AppView, KnownGroup } from '../../../shared/api-types';
import { StewardError } from '../../../shared/errors';
import { makeDemoGroup } from '../demo/riverside';
import { exists } from '../fs-exists';
import { found, readCharterDraft, signCharter } from '../governance/found';
import { rotateKey } from '../governance/rotate';
import { unlockIdentityFile } from '../identity/keystore';
import { Ledger } from '../ledger/ledger';
import { ModelStore } from '../models/store';
import { addRemote } from '../sync/remotes';
import { resolveTargets, syncWith } from '../sync/sync';
import type { ApiContext, ApiSession, Handlers } from './api';
import { sessionView } from './handlers-group';

type Channels =
  | 'app:get'
  | 'identity:create'
  | 'identity:import'
  | 'identity:export'
  | 'identity:rotate'
  | 'group:found'
  | 'group:join'
  | 'group:openDemo'
  | 'group:signCharter'
  | 'group:open'
  | 'group:list'
  | 'review:get'
  | 'review:host'
  | 'review:present';

const appView = async (ctx: ApiContext, session: ApiSession): Promise<AppView> => {
  const { workspace } = ctx;
  const ledger = workspace.current();
  let name: string | undefined;
  let charterDraft: AppView['charterDraft'];
  if (ledger) {
    const snapshot = await ctx.snapshot().catch(() => undefined);
    // The group's name is one of its records: hidden where the charter lets members alone read.
    if (snapshot && ctx.mayRead(session, snapshot)) name = snapshot.state.group?.name;
    // A draft waits beside a repo with no group yet; the host alone sees who still has to sign.
    if (session.host && snapshot?.state.group === undefined)
      charterDraft = await readCharterDraft(ledger);
  }
  return {
    version: ctx.options.version,
    transport: ctx.options.transport,
    // The folder is the host's business: other browsers learn only that a group is open.
    ...(ledger && {
      group: {
        dir: session.host ? ledger.dir : '',
        ...(name !== undefined && { name }),
        demo: workspace.demo,
      },
    }),
    hasIdentity: await workspace.keystore.exists(),
    canSwitch: workspace.canSwitch,
    ...(charterDraft && { charterDraft }),
  };
};

/** Each folder the workspace knows that is still a repo, with its group's name where readable. */
const knownGroups = async (ctx: ApiContext): Promise<KnownGroup[]> => {
  const open = ctx.workspace.current()?.dir;
  const groups: KnownGroup[] = [];
  for (const k of await ctx.workspace.known()) {
    let ledger: Ledger;
    try {
      ledger = await Ledger.open(k.dir);
    } catch {
      continue; // moved or deleted since
    }
    const name = await ledger
      .load(ctx.now())
      .then((l) => l.state.group?.name ?? (undefined as string | undefined))
      .catch(() => undefined);
    const draft = name === undefined ? await readCharterDraft(ledger) : undefined;
    const shown = name ?? draft?.name;
    groups.push({
      dir: ledger.dir,
      ...(shown !== undefined && { name: shown }),
      demo: k.demo,
      open: ledger.dir === open,
    });
  }
  return groups;
};

/** Makes a new repo in `dir` from `source` (a URL, a bundle, a folder), as `steward clone` does. */
const cloneInto = async (ctx: ApiContext, dir: string, source: string): Promise<void> => {
  const ledger = await Ledger.init(dir);
  const [target] = await resolveTargets(ledger, source);
  if (!target) throw new StewardError('not-found', `nothing to join at ${source}`);
  if (target.route === 'http') {
    await addRemote(ledger.repo, 'origin', source);
    target.remote = 'origin';
  }
  await syncWith(ledger, target, { auth: {}, now: ctx.now() });
};

export const setupHandlers = (ctx: ApiContext): Handlers<Channels> => ({
  'app:get': (_arg, session) => appView(ctx, session),
  'identity:create': async (arg, session) => {
    ctx.requireHost(session);
    const { keystore } = ctx.workspace;
    await keystore.create(arg.name, arg.passphrase, ctx.now());
    session.signer = await keystore.unlock(arg.passphrase);
    return sessionView(ctx, session);
  },
  'identity:import': async (arg, session) => {
    ctx.requireHost(session);
    const { keystore } = ctx.workspace;
    if (await keystore.exists())
      throw new StewardError('identity-exists', `this machine has an identity already`);
    // Unlocking first proves the file and the passphrase before anything is written.
    session.signer = await unlockIdentityFile(arg.identity, arg.passphrase);
    await keystore.adopt(arg.identity);
    return sessionView(ctx, session);
  },
  'identity:export': async (_arg, session) => {
    ctx.requireHost(session);
    const { keystore } = ctx.workspace;
    const identity = await keystore.show();
    return {
      identity: await readFile(join(keystore.home, 'identity.json'), 'utf8'),
      name: identity.name,
    };
  },
  'identity:rotate': async (arg, session) => {
    ctx.requireHost(session);
    ctx.throttle('unlock', session);
    const { keystore } = ctx.workspace;
    // Refused before a new key is made: a rotation the group cannot take leaves nothing behind.
    const { state } = await ctx.snapshot();
    const me = (await keystore.show()).id;
    if (!state.members.some((m) => m.id === me))
      throw new StewardError(
        'not-a-member',
        `you are not a member of ${state.group?.name ?? 'this group'}: open a group you belong to, to replace your key there`,
      );
    await rotateKey(ctx.workspace.ledger(), keystore, arg.passphrase, ctx.now());
    // The session signs with the new key from now on.
    session.signer = await keystore.unlock(arg.passphrase);
    await ctx.changed();
    return sessionView(ctx, session);
  },
  'group:found': async (arg, session) => {
    ctx.requireHost(session);
    if (!session.signer)
      throw new StewardError('no-identity', 'unlock your identity to found a group');
    const dir = await ctx.workspace.newGroupDir(arg.name);
    await found({
      path: dir,
      name: arg.name,
      founders: arg.founders ?? [],
      rules: arg.votingPeriodHours
        ? { votingPeriod: Math.round(arg.votingPeriodHours * 3600) }
        : {},
      signer: session.signer,
      now: ctx.now(),
    });
    await ctx.workspace.open(dir);
    await ctx.changed();
    return appView(ctx, session);
  },
  'group:join': async (arg, session) => {
    ctx.requireHost(session);
    const dir = await ctx.workspace.newGroupDir('joined');
    const remote = /^https?:\/\//.test(arg.source);
    // A path means the same wherever the app was started from: it must be absolute.
    if (!remote && !isAbsolute(arg.source))
      throw new StewardError(
        'invalid-argument',
        `give the full path of the bundle or folder (${arg.source} is relative)`,
      );
    const source = remote ? arg.source : resolve(arg.source);
    await cloneInto(ctx, dir, source);
    await ctx.workspace.open(dir);
    await ctx.changed();
    return appView(ctx, session);
  },
  'group:openDemo': async (_arg, session) => {
    ctx.requireHost(session);
    const bundle = ctx.options.demoBundle;
    if (!bundle) throw new StewardError('not-found', 'this build ships no demo group');
    const dir = await ctx.workspace.newGroupDir('demo');
    const modelDir = join(dirname(bundle), 'tiny-sentiment');
    // Made now, so that its open proposals are open; the bundle is the copy for the CLI.
    try {
      if (await exists(modelDir))
        await makeDemoGroup({
          dir,
          modelDir,
          store: new ModelStore(join(ctx.workspace.home, 'models')),
          now: ctx.now(),
        });
      else await cloneInto(ctx, dir, bundle);
    } catch (error) {
      // Half a demo would be listed among the groups as a group of the user's own.
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    await ctx.workspace.replaceDemo(dir);
    await ctx.changed();
    return appView(ctx, session);
  },
  'group:signCharter': async (_arg, session) => {
    ctx.requireHost(session);
    if (!session.signer)
      throw new StewardError('no-identity', 'unlock your identity to sign the charter');
    await signCharter(ctx.workspace.ledger().dir, session.signer);
    await ctx.changed();
    return appView(ctx, session);
  },
  'group:open': async (arg, session) => {
    ctx.requireHost(session);
    if (!isAbsolute(arg.dir))
      throw new StewardError(
        'invalid-argument',
        `give the full path of the group folder (${arg.dir} is relative)`,
      );
    const known = await ctx.workspace.known();
    const dir = resolve(arg.dir);
    await ctx.workspace.open(dir, known.find((k) => k.dir === dir)?.demo === true);
    await ctx.changed();
    return appView(ctx, session);
  },
  'group:list': async (_arg, session) => {
    ctx.requireHost(session);
    return { groups: await knownGroups(ctx) };
  },
  'review:get': () => Promise.resolve(ctx.options.review?.() ?? { urls: [] }),
  // The transport that holds the room answers these first (core/server/review-room.ts); one that
  // holds none cannot open this machine to the network.
  'review:host': (_arg, session) => {
    ctx.requireHost(session);
    return Promise.reject(
      new StewardError('invalid-argument', 'this app cannot open a review session to the network'),
    );
  },
  'review:present': (_arg, session) => {
    ctx.requireHost(session);
    return Promise.resolve(ctx.options.review?.() ?? { urls: [] });
  },
});
