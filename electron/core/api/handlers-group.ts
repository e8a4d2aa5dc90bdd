/** Sessions, the group's state, and the writes every member makes: propose, vote, close, withdraw. */
import { timingSafeEqual } from 'node:crypto';
import type { SessionView } from '../../../shared/api-types';
import { isStewardError, StewardError } from '../../../shared/errors';
import { auditExport } from '../audit/audit-export';
import { certify, close } from '../governance/close';
import { propose } from '../governance/propose';
import { consent, vote, withdraw } from '../governance/vote';
import { unlockIdentityFile } from '../identity/keystore';
import type { ApiContext, ApiSession, Handlers } from './api';

type Channels =
  | 'app:version'
  | 'session:get'
  | 'session:join'
  | 'session:unlock'
  | 'session:unlockFile'
  | 'session:lock'
  | 'session:forget'
  | 'group:get'
  | 'proposals:create'
  | 'proposals:vote'
  | 'proposals:close'
  | 'proposals:withdraw'
  | 'proposals:certify'
  | 'proposals:consent'
  | 'audit:export';

/** Who the session is, and whether that identity is a member of the open group now. */
export const sessionView = async (ctx: ApiContext, session: ApiSession): Promise<SessionView> => {
  const { keystore } = ctx.workspace;
  const memory = ctx.options.passphrases;
  const local =
    session.host && session.admitted && (await keystore.exists())
      ? await keystore.show()
      : undefined;
  const signer = session.signer;
  let member = false;
  if (signer && session.admitted && ctx.workspace.current()) {
    const { state } = await ctx.snapshot();
    member = state.members.some((m) => m.id === signer.id && m.publicKey === signer.publicKey);
  }
  return {
    transport: ctx.options.transport,
    ...(signer && { identity: { id: signer.id, name: signer.name, publicKey: signer.publicKey } }),
    member,
    ...(local && { localIdentity: local }),
    needsCode: !session.admitted,
    host: session.host,
    ...(memory &&
      session.host && {
        passphrase: { canRemember: memory.available(), remembered: await memory.remembered() },
      }),
  };
};

export const groupHandlers = (ctx: ApiContext): Handlers<Channels> => {
  let tried = false;
  /**
   * Once per start, the host's own session is unlocked with the passphrase the system keeps for
   * it (never again after a lock). One that no longer opens the key is forgotten.
   */
  const unlockRemembered = async (session: ApiSession): Promise<void> => {
    const memory = ctx.options.passphrases;
    if (tried || !memory || !session.host || session.signer) return;
    tried = true;
    const passphrase = await memory.load();
    if (passphrase === undefined || !(await ctx.workspace.keystore.exists())) return;
    try {
      session.signer = await ctx.workspace.keystore.unlock(passphrase);
    } catch (error) {
      if (!isStewardError(error) || error.code !== 'wrong-passphrase') throw error;
      await memory.forget();
    }
  };
  return handlers(ctx, unlockRemembered);
};

const handlers = (
  ctx: ApiContext,
  unlockRemembered: (session: ApiSession) => Promise<void>,
): Handlers<Channels> => ({
  'app:version': () => Promise.resolve({ version: ctx.options.version }),
  'session:get': async (_arg, session) => {
    await unlockRemembered(session);
    return sessionView(ctx, session);
  },
  'session:join': (arg, session) => {
    const code = ctx.options.code;
    if (code !== undefined && !session.admitted) ctx.throttle('join', session);
    // As read aloud or copied: spaces and dashes between the characters do not count.
    const given = Buffer.from(arg.code.replace(/[\s-]/g, '').toUpperCase());
    if (code !== undefined) {
      const expected = Buffer.from(code);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new StewardError('unauthorized', 'that is not the session code');
      if (!session.admitted) ctx.forgive('join', session);
    }
    session.admitted = true;
    return sessionView(ctx, session);
  },
  'session:unlock': async (arg, session) => {
    ctx.requireHost(session);
    ctx.throttle('unlock', session);
    session.signer = await ctx.workspace.keystore.unlock(arg.passphrase);
    const memory = ctx.options.passphrases;
    if (memory && arg.remember === true) await memory.save(arg.passphrase);
    else if (memory && arg.remember === false) await memory.forget();
    return sessionView(ctx, session);
  },
  'session:forget': async (_arg, session) => {
    ctx.requireHost(session);
    await ctx.options.passphrases?.forget();
    return sessionView(ctx, session);
  },
  'session:unlockFile': async (arg, session) => {
    ctx.throttle('unlock', session);
    session.signer = await unlockIdentityFile(arg.identity, arg.passphrase);
    return sessionView(ctx, session);
  },
  'session:lock': (_arg, session) => {
    delete session.signer;
    return sessionView(ctx, session);
  },
  'group:get': async (arg, session) => {
    const snapshot = { ...(await ctx.readable(session)), epoch: ctx.epoch };
    // Changes only since a state this run derived: another run's may differ at the same head.
    return arg.since === undefined || arg.epoch !== ctx.epoch
      ? snapshot
      : { ...ctx.since(arg.since, snapshot), epoch: ctx.epoch };
  },
  'proposals:create': async (arg, session) => {
    const result = await propose(ctx.writer(session), arg);
    return ctx.written(result.id, result.id);
  },
  'proposals:vote': async (arg, session) => {
    const ballot = 'options' in arg ? { options: arg.options } : { choice: arg.choice };
    const result = await vote(ctx.writer(session), {
      proposal: arg.proposal,
      ballot,
      ...(arg.reason ? { reason: arg.reason } : {}),
    });
    return ctx.written(result.id, result.proposal);
  },
  'proposals:close': async (arg, session) => {
    const result = await close(ctx.writer(session), arg.proposal);
    return ctx.written(result.id, result.proposal);
  },
  'audit:export': async (arg, session) => {
    await ctx.readable(session);
    const ledger = ctx.workspace.ledger();
    const { head, state, checked } = await ledger.load(ctx.now());
    const range = {
      ...(arg.from !== undefined && { from: arg.from }),
      ...(arg.to !== undefined && { to: arg.to }),
    };
    return auditExport(state, range, arg.format, {
      generatedAt: ctx.now().toISOString(),
      head: head ?? '',
      statements: checked,
    });
  },
  'proposals:certify': async (arg, session) => {
    const result = await certify(ctx.writer(session), arg.proposal);
    return ctx.written(result.id, result.proposal);
  },
  'proposals:consent': async (arg, session) => {
    const result = await consent(ctx.writer(session), arg.proposal);
    return ctx.written(result.id, arg.proposal);
  },
  'proposals:withdraw': async (arg, session) => {
    const result = await withdraw(ctx.writer(session), arg.proposal);
    return ctx.written(result.id, arg.proposal);
  },
});
