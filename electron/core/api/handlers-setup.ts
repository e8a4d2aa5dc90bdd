/**
 * The guided start and the host's settings: this machine's identity (create, import, export), and
 * the group the app has open (found, join, the demo). The host's own client alone may call them.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { AppView } from '../../../shared/api-types';
import { StewardError } from '../../../shared/errors';
import { found } from '../governance/found';
import { rotateKey } from '../governance/rotate';
import { unlockIdentityFile } from '../identity/keystore';
import { Ledger } from '../ledger/ledger';
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
  | 'review:get';

const appView = async (ctx: ApiContext, session: ApiSession): Promise<AppView> => {
  const { workspace } = ctx;
  const ledger = workspace.current();
  let name: string | undefined;
  if (ledger) {
    const snapshot = await ctx.snapshot().catch(() => undefined);
    // The group's name is one of its records: hidden where the charter lets members alone read.
    if (snapshot && ctx.mayRead(session, snapshot)) name = snapshot.state.group?.name;
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
  };
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
      founders: [],
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
    await cloneInto(ctx, dir, bundle);
    await ctx.workspace.open(dir, true);
    await ctx.changed();
    return appView(ctx, session);
  },
  'review:get': () => Promise.resolve(ctx.options.review?.() ?? { urls: [] }),
});
