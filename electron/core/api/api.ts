/**
 * The handlers behind the UI's contract (shared/api-channels.ts), whatever transport carries
 * them: Electron's IPC in the desktop app, HTTP and WebSocket in `steward serve`. Every call is
 * checked against the allowlist and its argument's schema before anything runs; writes need a
 * session signed in as a member; what touches this machine's disk needs the host's own client; a
 * failure crosses as `{code, message, data}`.
 *
 * A session is one client: the desktop window, or one browser. Its key, once unlocked, stays in
 * this process's memory for the session's life and never crosses to the client.
 */
import { randomBytes } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import {
  eventSchemas,
  isRequestChannel,
  requestSchemas,
  type EventChannel,
  type Events,
  type RequestChannel,
  type Requests,
} from '../../../shared/api-channels';
import type { GroupDelta, GroupSnapshot, ReviewView, Written } from '../../../shared/api-types';
import { diffSnapshots } from '../../../shared/group-delta';
import { isStewardError, StewardError } from '../../../shared/errors';
import type { ActionContext } from '../governance/context';
import { findProposal } from '../governance/resolve';
import type { Signer } from '../identity/keystore';
import { blobSizer } from '../models/blob-size';
import { ModelRunner } from '../models/runner';
import { ModelStore } from '../models/store';
import { groupHandlers } from './handlers-group';
import { modelHandlers } from './handlers-models';
import { setupHandlers } from './handlers-setup';
import { syncHandlers } from './handlers-sync';
import { transferHandlers } from './handlers-transfer';
import type { PassphraseMemory } from '../identity/remembered';
import type { Workspace } from './workspace';

export type ApiSession = {
  id: string;
  signer?: Signer;
  /** Whether the client gave the session code (or needs none). */
  admitted: boolean;
  /** The host's own client: Electron's window, or a browser on this machine. */
  host: boolean;
  /**
   * Where the client connects from (an address; an IPv6 network), so that limits on guessing
   * hold for a client that drops its cookie to look new. None: the window, which is the host.
   */
  client?: string;
};

export type ApiOptions = {
  workspace: Workspace;
  transport: 'electron' | 'http';
  version: string;
  now?: () => Date;
  /** A code a client must give before anything else; none: every client is admitted. */
  code?: string;
  /** The demo group's bundle (resources/demo/group.bundle). */
  demoBundle?: string;
  /** Where participants of a review session connect. */
  review?: () => ReviewView;
  /** How often the head is read for changes made outside the app (sync, the CLI). */
  pollMs?: number;
  /**
   * The desktop app's memory of this machine's passphrase (the system keychain): offered to the
   * host's own session, which it unlocks once at start. None: never remembered (a browser).
   */
  passphrases?: PassphraseMemory;
};

export type Handler<C extends RequestChannel> = (
  arg: Requests[C]['arg'],
  session: ApiSession,
) => Promise<Requests[C]['result']>;

export type Handlers<C extends RequestChannel> = { [K in C]: Handler<K> };

type Listener = <E extends EventChannel>(event: E, payload: Events[E], session?: string) => void;

/** What the handler modules share. */
export type ApiContext = {
  options: ApiOptions;
  workspace: Workspace;
  now: () => Date;
  runner: () => ModelRunner;
  /** Runs under way, by the id the client gave, so that `models:cancel` can stop them. */
  runs: Map<string, { session: string; controller: AbortController }>;
  snapshot: () => Promise<GroupSnapshot>;
  /** The context of a write: a signed-in member, now. */
  writer: (session: ApiSession) => ActionContext;
  /** After a write: tell every client, and answer with the proposal as it now stands. */
  written: (id: string, proposal: string) => Promise<Written>;
  /** The head may have moved (a sync, an import): drop the cache and tell the clients. */
  changed: () => Promise<void>;
  emit: Listener;
  requireHost: (session: ApiSession) => void;
  /** The state, for a session the charter lets read it (members only, where it says so). */
  readable: (session: ApiSession) => Promise<GroupSnapshot>;
  /** Whether the charter lets the session read the group's records. */
  mayRead: (session: ApiSession, snapshot: GroupSnapshot) => boolean;
  /** This run of the server, for clients to say whose state they hold. */
  epoch: string;
  /** `snapshot` as the changes since the state at `head`, if that state is still known. */
  since: (head: string, snapshot: GroupSnapshot) => GroupSnapshot | GroupDelta;
  /** Counts an attempt at something guessable; refuses once too many came too fast. */
  throttle: (what: 'join' | 'unlock', session: ApiSession) => void;
  /** Takes back the attempt just counted: it succeeded (a room joining from one address). */
  forgive: (what: 'join' | 'unlock', session: ApiSession) => void;
};

/**
 * Attempts allowed per window, per session (a browser) and per client (where it connects from):
 * a guesser who drops cookies to look new still meets the client's limit. There is no limit for
 * everyone together: one client failing on purpose would lock the whole room out. The session
 * code's space (31^8) keeps guessing from many addresses hopeless. An unlock costs the host some
 * 100 ms of scrypt, off the event loop and a few at a time (identity/sealed.ts).
 */
const LIMITS = {
  join: { session: 5, client: 10, ms: 60_000 },
  unlock: { session: 5, client: 30, ms: 10_000 },
};
/** Past this many keys, the attempts table drops the windows that have passed. */
const ATTEMPT_KEYS = 4096;

/** How long a derived state serves at most, when no deadline comes sooner. */
const STATE_TTL_MS = 60_000;
/** How many heads back `group:get` can answer with changes rather than the whole state. */
const RECENT_HEADS = 4;

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
  private readonly listeners = new Set<Listener>();
  private lastHead: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The state at a head, good until `until` (ms), and the load under way, shared by callers. */
  private cached: (GroupSnapshot & { until: number }) | undefined;
  private loading: { head: string; done: Promise<GroupSnapshot> } | undefined;
  /**
   * The first state derived at each of the last few heads, for `group:get` to answer a client
   * holding one with the changes since (from the first: a superset of what any client lacks).
   */
  private readonly recent = new Map<string, GroupSnapshot>();
  private modelRunner: ModelRunner | undefined;
  /** Recent attempts by kind, and by kind and session. */
  private readonly attempts: Record<string, number[]> = {};
  private readonly context: ApiContext;
  private readonly handlers: Handlers<RequestChannel>;

  constructor(readonly options: ApiOptions) {
    validators();
    const now = options.now ?? (() => new Date());
    this.context = {
      options,
      workspace: options.workspace,
      now,
      runner: () => (this.modelRunner ??= new ModelRunner(options.workspace.home)),
      runs: new Map(),
      snapshot: () => this.snapshot(),
      epoch: randomBytes(8).toString('hex'),
      since: (head, snapshot) => {
        const before = this.recent.get(head);
        return before ? diffSnapshots(before, snapshot) : snapshot;
      },
      writer: (session) => {
        if (!session.signer)
          throw new StewardError('no-identity', 'sign in with your identity to write');
        return {
          ledger: options.workspace.ledger(),
          signer: session.signer,
          now: now(),
          sizeOf: blobSizer(new ModelStore(join(options.workspace.home, 'models'))),
        };
      },
      written: async (id, proposal) => {
        await this.changed();
        const { state } = await this.snapshot();
        return { id, proposal: findProposal(state, proposal) };
      },
      changed: () => this.changed(),
      emit: (event, payload, session) => {
        for (const listener of this.listeners) listener(event, payload, session);
      },
      mayRead: (session, { state }) => {
        if (state.charter?.readAccess !== 'members' || session.host) return true;
        const signer = session.signer;
        return (
          signer !== undefined &&
          state.members.some((m) => m.id === signer.id && m.publicKey === signer.publicKey)
        );
      },
      readable: async (session) => {
        const snapshot = await this.snapshot();
        if (!this.context.mayRead(session, snapshot))
          throw new StewardError(
            'not-a-member',
            'the group lets members alone read its records: sign in with your identity',
          );
        return snapshot;
      },
      throttle: (what, session) => {
        const limit = LIMITS[what];
        const now = Date.now();
        const recent = (key: string) =>
          (this.attempts[key] = (this.attempts[key] ?? []).filter((t) => now - t < limit.ms));
        const mine = recent(`${what}:${session.id}`);
        // The host's own client is known by its secret link, not by where it connects from.
        const client =
          session.client !== undefined && !session.host ? recent(`${what}@${session.client}`) : [];
        if (mine.length >= limit.session || client.length >= limit.client)
          throw new StewardError(
            'unauthorized',
            what === 'join'
              ? 'too many wrong codes: wait a minute and try again'
              : 'too many attempts to unlock: wait a few seconds and try again',
          );
        mine.push(now);
        client.push(now);
        this.pruneAttempts(now);
      },
      forgive: (what, session) => {
        for (const key of [`${what}:${session.id}`, `${what}@${session.client}`])
          this.attempts[key]?.pop();
      },
      requireHost: (session) => {
        if (!session.host)
          throw new StewardError(
            'unauthorized',
            "only the host's own app can do this: it reaches into the host's machine",
          );
      },
    };
    this.handlers = {
      ...groupHandlers(this.context),
      ...setupHandlers(this.context),
      ...modelHandlers(this.context),
      ...syncHandlers(this.context),
      ...transferHandlers(this.context),
    };
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
    try {
      return await handler(arg ?? {}, session);
    } catch (error) {
      throw session.host || !isStewardError(error) ? error : this.withoutPaths(error);
    }
  }

  /**
   * The error as a participant may see it: where the host keeps Steward's files and the group's
   * repo is the host's business, so those paths are named, not spelled out.
   */
  private withoutPaths(error: StewardError): StewardError {
    const dir = this.options.workspace.current()?.dir;
    const places: [string, string][] = [
      ...(dir ? ([[dir, "the group's folder"]] as [string, string][]) : []),
      [this.options.workspace.home, "the host's Steward folder"],
      [homedir(), "the host's home folder"],
      [tmpdir(), "the host's temporary folder"],
    ];
    const hide = (text: string): string =>
      places.reduce((t, [path, name]) => (path.length > 1 ? t.split(path).join(name) : t), text);
    const clean = (value: unknown): unknown =>
      typeof value === 'string'
        ? hide(value)
        : Array.isArray(value)
          ? value.map(clean)
          : value !== null && typeof value === 'object'
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]))
            : value;
    return new StewardError(
      error.code,
      hide(error.message),
      clean(error.data) as Record<string, unknown>,
    );
  }

  /** Events for every client (`session` undefined) or for one session alone. */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts reading the head for changes made beside the app; `stop` ends it. */
  watch(): void {
    if (this.timer) return;
    // Derive once now, so that the first client does not wait for it.
    if (this.options.workspace.current()) this.snapshot().catch(() => undefined);
    this.timer = setInterval(() => {
      this.checkHead().catch(() => undefined);
    }, this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const run of this.context.runs.values()) run.controller.abort();
    await this.modelRunner?.close();
  }

  /** Keeps the attempts table small: windows that have passed are dropped. */
  private pruneAttempts(now: number): void {
    const keys = Object.keys(this.attempts);
    if (keys.length <= ATTEMPT_KEYS) return;
    const longest = Math.max(LIMITS.join.ms, LIMITS.unlock.ms);
    for (const key of keys)
      if (this.attempts[key]!.every((t) => now - t >= longest)) delete this.attempts[key];
  }

  /** A session ends (a browser gone): its runs stop, its key is dropped. */
  forget(session: ApiSession): void {
    for (const key of Object.keys(this.attempts))
      if (key.endsWith(`:${session.id}`)) delete this.attempts[key];
    for (const [id, run] of this.context.runs)
      if (run.session === session.id) {
        run.controller.abort();
        this.context.runs.delete(id);
      }
    delete session.signer;
  }

  private async changed(): Promise<void> {
    this.cached = undefined;
    await this.checkHead();
  }

  /** The open group's head ('' with no group, or none committed yet). */
  async head(): Promise<string> {
    const ledger = this.options.workspace.current();
    return (ledger && (await ledger.head())) ?? '';
  }

  private async checkHead(): Promise<void> {
    const head = await this.head();
    if (head === this.lastHead) return;
    this.lastHead = head;
    this.context.emit('group:onDidChange', { head });
  }

  /**
   * The derived state at the head. Derivation reads every statement, so it is done once per head
   * and kept until something the clock decides could change: the next open deadline, and at most a
   * minute (a statement dated ahead of this clock becomes valid when its date comes). Callers that
   * ask while a load is under way share it.
   */
  private async snapshot(): Promise<GroupSnapshot> {
    const ledger = this.options.workspace.ledger();
    const head = (await ledger.head()) ?? '';
    const nowMs = this.context.now().getTime();
    if (this.cached?.head === head && nowMs < this.cached.until)
      return { head, state: this.cached.state };
    if (this.loading?.head === head) return this.loading.done;
    const done = (async () => {
      const now = this.context.now();
      // The state of exactly this head, whatever is committed meanwhile.
      const loaded = await ledger.load(now, head ? { commit: head } : {});
      // What a later commit changed or removed travels with the state, for the app to report.
      const state =
        loaded.rewrites.length > 0 ? { ...loaded.state, rewrites: loaded.rewrites } : loaded.state;
      const deadlines = state.proposals
        .filter((p) => p.status === 'open')
        .map((p) => Date.parse(p.deadline))
        .filter((t) => t > now.getTime());
      const until = Math.min(now.getTime() + STATE_TTL_MS, ...deadlines);
      // A newer head's state may have landed while this one loaded: keep the newer.
      if ((await ledger.head()) === head) this.cached = { head, state, until };
      if (!this.recent.has(head)) {
        this.recent.set(head, { head, state });
        if (this.recent.size > RECENT_HEADS) this.recent.delete(this.recent.keys().next().value!);
      }
      return { head, state };
    })();
    this.loading = { head, done };
    try {
      return await done;
    } finally {
      if (this.loading?.done === done) this.loading = undefined;
    }
  }
}
