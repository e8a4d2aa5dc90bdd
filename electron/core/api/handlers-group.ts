/** Sessions, the group's state, and the writes every member makes: propose, vote, close, withdraw. */
import { timingSafeEqual } from 'node:crypto';
import type { SessionView } from '../../../shared/api-types';
import { StewardError } from '../../../shared/errors';
import { auditExport } from '../audit/audit-export';
import { close } from '../governance/close';
import { propose } from '../governance/propose';
import { vote, withdraw } from '../governance/vote';
import { unlockIdentityFile } from '../identity/keystore';
import type { ApiContext, ApiSession, Handlers } from './api';

type Channels =
  | 'app:version'
  | 'session:get'
  | 'session:join'
  | 'session:unlock'
  | 'session:unlockFile'
  | 'session:lock'
  | 'group:get'
  | 'proposals:create'
  | 'proposals:vote'
  | 'proposals:close'
  | 'proposals:withdraw'
  | 'audit:export';

/** Who the session is, and whether that identity is a member of the open group now. */
export const sessionView = async (ctx: ApiContext, session: ApiSession): Promise<SessionView> => {
  const { keystore } = ctx.workspace;
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
  };
};

export const groupHandlers = (ctx: ApiContext): Handlers<Channels> => ({
  'app:version': () => Promise.resolve({ version: ctx.options.version }),
  'session:get': (_arg, session) => sessionView(ctx, session),
  'session:join': (arg, session) => {
    const code = ctx.options.code;
    if (code !== undefined && !session.admitted) ctx.throttle('join', session);
    const given = Buffer.from(arg.code.trim().toUpperCase());
    if (code !== undefined) {
      const expected = Buffer.from(code);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new StewardError('unauthorized', 'that is not the session code');
    }
    session.admitted = true;
    return sessionView(ctx, session);
  },
  'session:unlock': async (arg, session) => {
    ctx.requireHost(session);
    ctx.throttle('unlock', session);
    session.signer = await ctx.workspace.keystore.unlock(arg.passphrase);
    return sessionView(ctx, session);
  },
  'session:unlockFile': async (arg, session) => {
    ctx.throttle('unlock', session);
    session.signer = unlockIdentityFile(arg.identity, arg.passphrase);
    return sessionView(ctx, session);
  },
  'session:lock': (_arg, session) => {
    delete session.signer;
    return sessionView(ctx, session);
  },
  'group:get': async (arg, session) => {
    const snapshot = await ctx.readable(session);
    return arg.since === undefined ? snapshot : ctx.since(arg.since, snapshot);
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
  'proposals:withdraw': async (arg, session) => {
    const result = await withdraw(ctx.writer(session), arg.proposal);
    return ctx.written(result.id, arg.proposal);
  },
});
