/**
 * The handlers behind the UI's contract (shared/api-channels.ts), whatever transport carries
 * them: Electron's IPC in the desktop app, HTTP and WebSocket in `steward serve`. Every call is
 * checked against the allowlist and its argument's schema before anything runs; writes need a
 * session signed in as a member; a failure crosses as `{code, message, data}`.
 *
 * A session is one client: the desktop window, or one browser. Its key, once unlocked, stays in
 * this process's memory for the session's life and never crosses to the client.
 */
import { timingSafeEqual } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import {
  eventSchemas,
  isRequestChannel,
  requestSchemas,
  type EventChannel,
  type Events,
  type RequestChannel,
  type Requests,
  type SessionView,
} from '../../../shared/api-channels';
import type { DerivedState } from '../../../shared/derive/state';
import { StewardError } from '../../../shared/errors';
import { close } from '../governance/close';
import { propose } from '../governance/propose';
import { findProposal } from '../governance/resolve';
import { vote, withdraw } from '../governance/vote';
import { unlockIdentityFile, type Keystore, type Signer } from '../identity/keystore';
import type { Ledger } from '../ledger/ledger';

export type ApiSession = {
  signer?: Signer;
  /** Whether the client gave the session code (or needs none). */
  admitted: boolean;
};

export type ApiOptions = {
  ledger: Ledger;
  /** This machine's identity, which `session:unlock` opens; absent for a pure host. */
  keystore?: Keystore;
  transport: 'electron' | 'http';
  version: string;
  now?: () => Date;
  /** How often the head is read for changes made outside the app (sync, the CLI). */
  pollMs?: number;
};

type Handler<C extends RequestChannel> = (
  arg: Requests[C]['arg'],
  session: ApiSession,
) => Promise<Requests[C]['result']>;

let compiled: Record<RequestChannel, ValidateFunction> | undefined;

/** The argument validators, compiled once, when the first API is made (not by every command). */
const validators = (): Record<RequestChannel, ValidateFunction> => {
  if (compiled) return compiled;
  // `required` inside oneOf names properties declared beside it, which strictRequired cannot see.
  const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false });
  compiled = Object.fromEntries(
    Object.entries(requestSchemas).map(([channel, schema]) => [channel, ajv.compile(schema)]),
  ) as Record<RequestChannel, ValidateFunction>;
  // Compiled too, so that a mistake in an event's schema shows at start, not on first emit.
  Object.values(eventSchemas).forEach((schema) => ajv.compile(schema));
  return compiled;
};

/** Channels a client may call before it gave the session code. */
const beforeCode = new Set<RequestChannel>(['app:version', 'session:get', 'session:join']);

export class Api {
  private readonly listeners = new Set<
    <E extends EventChannel>(event: E, payload: Events[E]) => void
  >();
  private lastHead: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private cached: { head: string; state: DerivedState } | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: ApiOptions & { code?: string }) {
    this.now = options.now ?? (() => new Date());
    validators();
  }

  /** Whether a client must give the session code before anything else. */
  get needsCode(): boolean {
    return this.options.code !== undefined;
  }

  /** Checks the channel and argument, then runs the request for the session. */
  async invoke(channel: unknown, arg: unknown, session: ApiSession): Promise<unknown> {
    if (!isRequestChannel(channel))
      throw new StewardError('not-found', `no such request: ${String(channel)}`);
    const validate = validators()[channel];
    if (!validate(arg ?? {})) {
      const first = validate.errors?.[0];
      throw new StewardError(
        'invalid-argument',
        `${channel}: ${first ? `${first.instancePath || 'the argument'} ${first.message}` : 'bad argument'}`,
        { channel, errors: validate.errors ?? [] },
      );
    }
    if (!session.admitted && !beforeCode.has(channel))
      throw new StewardError('unauthorized', "enter the session code shown on the host's screen");
    const handler = this.handlers[channel] as Handler<typeof channel>;
    return handler((arg ?? {}) as never, session);
  }

  on(listener: <E extends EventChannel>(event: E, payload: Events[E]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts reading the head for changes made beside the app; `stop` ends it. */
  watch(): void {
    if (this.timer) return;
    const tick = (): void => {
      this.checkHead().catch(() => undefined);
    };
    this.timer = setInterval(tick, this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async checkHead(): Promise<void> {
    const head = (await this.options.ledger.head()) ?? '';
    if (head === this.lastHead) return;
    this.lastHead = head;
    for (const listener of this.listeners) listener('group:onDidChange', { head });
  }

  private async snapshot(): Promise<{ head: string; state: DerivedState }> {
    const head = (await this.options.ledger.head()) ?? '';
    // Derivation depends on the clock (deadlines), so a cached state serves one second at most.
    if (this.cached?.head === head && Date.now() - this.cachedAt < 1000) return this.cached;
    const { state } = await this.options.ledger.load(this.now());
    this.cached = { head, state };
    this.cachedAt = Date.now();
    return this.cached;
  }
  private cachedAt = 0;

  private async sessionView(session: ApiSession): Promise<SessionView> {
    const local =
      this.options.keystore && (await this.options.keystore.exists())
        ? await this.options.keystore.show()
        : undefined;
    const signer = session.signer;
    let member = false;
    if (signer && session.admitted) {
      const { state } = await this.snapshot();
      member = state.members.some((m) => m.id === signer.id && m.publicKey === signer.publicKey);
    }
    return {
      transport: this.options.transport,
      ...(signer && {
        identity: { id: signer.id, name: signer.name, publicKey: signer.publicKey },
      }),
      member,
      ...(local && session.admitted && { localIdentity: local }),
      needsCode: !session.admitted,
    };
  }

  /** The context of a write: a signed-in member, now. */
  private writer(session: ApiSession) {
    if (!session.signer)
      throw new StewardError('no-identity', 'sign in with your identity to write');
    return { ledger: this.options.ledger, signer: session.signer, now: this.now() };
  }

  /** After a write: tell every client, and answer with the proposal as it now stands. */
  private async written(id: string, proposal: string) {
    this.cached = undefined;
    await this.checkHead();
    const { state } = await this.snapshot();
    return { id, proposal: findProposal(state, proposal) };
  }

  private readonly handlers: { [C in RequestChannel]: Handler<C> } = {
    'app:version': () => Promise.resolve({ version: this.options.version }),
    'session:get': (_arg, session) => this.sessionView(session),
    'session:join': (arg, session) => {
      const code = this.options.code;
      const given = Buffer.from(arg.code.trim().toUpperCase());
      if (code !== undefined) {
        const expected = Buffer.from(code);
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
          throw new StewardError('unauthorized', 'that is not the session code');
      }
      session.admitted = true;
      return this.sessionView(session);
    },
    'session:unlock': async (arg, session) => {
      if (!this.options.keystore)
        throw new StewardError('no-identity', 'this host has no identity of its own to unlock');
      session.signer = await this.options.keystore.unlock(arg.passphrase);
      return this.sessionView(session);
    },
    'session:unlockFile': async (arg, session) => {
      session.signer = unlockIdentityFile(arg.identity, arg.passphrase);
      return this.sessionView(session);
    },
    'session:lock': (_arg, session) => {
      delete session.signer;
      return this.sessionView(session);
    },
    'group:get': () => this.snapshot(),
    'proposals:create': async (arg, session) => {
      const result = await propose(this.writer(session), arg);
      return this.written(result.id, result.id);
    },
    'proposals:vote': async (arg, session) => {
      const ballot = 'options' in arg ? { options: arg.options } : { choice: arg.choice };
      const result = await vote(this.writer(session), {
        proposal: arg.proposal,
        ballot,
        ...(arg.reason ? { reason: arg.reason } : {}),
      });
      return this.written(result.id, result.proposal);
    },
    'proposals:close': async (arg, session) => {
      const result = await close(this.writer(session), arg.proposal);
      return this.written(result.id, result.proposal);
    },
    'proposals:withdraw': async (arg, session) => {
      const result = await withdraw(this.writer(session), arg.proposal);
      return this.written(result.id, arg.proposal);
    },
  };
}
