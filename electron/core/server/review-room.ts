/**
 * A review session in one room, as the server keeps it: which proposal is on the wall (so that
 * participants' screens follow the presenter) and, in the app, whether the host has opened it to
 * the room's network. Opening starts a second listener on this machine's LAN address, beside the
 * app's own on 127.0.0.1, with a new session code that every browser there must give; closing
 * stops it and forgets every session it admitted. The port is remembered under STEWARD_HOME, so
 * the address people typed or scanned stays the same across restarts while the port is free.
 *
 * The `review:*` requests are answered here, by the transport that holds the room, rather than by
 * the Api: opening a listener is the transport's business. They get the same checks: the
 * argument's schema, the session code, and the host's own client for what changes the room.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { requestSchemas, type Events, type Requests } from '../../../shared/api-channels';
import type { ReviewView } from '../../../shared/api-types';
import { StewardError } from '../../../shared/errors';
import type { ApiSession } from '../api/api';
import { lanAddresses, urlOf, type Interfaces } from './lan-address';
import type { Served } from './serve';
import { sessionCode } from './session-code';

export type ReviewChannel = 'review:get' | 'review:host' | 'review:present';
const channels: readonly ReviewChannel[] = ['review:get', 'review:host', 'review:present'];

type Change = Events['review:onDidChange'];

export type ReviewRoomOptions = {
  /** STEWARD_HOME, where the room's port is remembered. */
  home?: string;
  /**
   * Opens the room's listener on this address and port (0: any free one). None: this server
   * cannot open one (`steward serve`, whose own addresses are the room's, or none).
   */
  listen?: (address: string, port: number) => Promise<Served>;
  /** Where participants connect when this server was started for the room (`steward serve`). */
  fixed?: () => { urls: string[]; code?: string };
  interfaces?: Interfaces;
  newCode?: () => string;
};

type Opened = { code: string; served: Served; url: string };

let validators: Record<ReviewChannel, ValidateFunction> | undefined;
const validate = (channel: ReviewChannel, arg: unknown): void => {
  if (!validators) {
    const ajv = new Ajv({ allErrors: false, strict: true });
    validators = {
      'review:get': ajv.compile(requestSchemas['review:get']),
      'review:host': ajv.compile(requestSchemas['review:host']),
      'review:present': ajv.compile(requestSchemas['review:present']),
    };
  }
  const check = validators[channel];
  if (!check(arg)) {
    const first = check.errors?.[0];
    throw new StewardError(
      'invalid-argument',
      `${channel}: ${first ? `${first.instancePath || 'the argument'} ${first.message}` : 'bad argument'}`,
    );
  }
};

const PORT_FILE = 'review-room.json';

/** Whether the listener failed only because the port is taken (or not ours to take). */
const portTaken = (error: unknown): boolean =>
  ['EADDRINUSE', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '');

export class ReviewRoom {
  private presenting = '';
  private opened: Opened | undefined;
  /** Opening and closing, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(change: Change) => void>();

  constructor(private readonly options: ReviewRoomOptions = {}) {}

  /** The code browsers on the room's network must give; none while the room is closed. */
  get code(): string | undefined {
    return this.opened?.code ?? this.options.fixed?.().code;
  }

  handles(channel: string): channel is ReviewChannel {
    return (channels as readonly string[]).includes(channel);
  }

  /** Answers a `review:*` request for the session, after the checks every request gets. */
  async invoke<C extends ReviewChannel>(
    channel: C,
    arg: unknown,
    session: ApiSession,
  ): Promise<Requests[C]['result']> {
    validate(channel, arg ?? {});
    if (!session.admitted)
      throw new StewardError('unauthorized', "enter the session code shown on the host's screen");
    if (channel === 'review:get') return this.view(session);
    if (!session.host)
      throw new StewardError(
        'unauthorized',
        "only the host's own app can open the room or choose what is on the wall",
      );
    if (channel === 'review:present') {
      const { proposal } = arg as Requests['review:present']['arg'];
      if (proposal !== this.presenting) {
        this.presenting = proposal;
        this.tell();
      }
      return this.view(session);
    }
    const { open } = arg as Requests['review:host']['arg'];
    await this.serialised(() => (open ? this.open() : this.shut()));
    return this.view(session);
  }

  view(session: ApiSession): ReviewView {
    const canOpen = this.options.listen !== undefined;
    const fixed = this.options.fixed?.();
    const code = this.code;
    return {
      urls: this.opened ? [this.opened.url] : (fixed?.urls ?? []),
      ...(code !== undefined && { code }),
      ...(this.presenting !== '' && { presenting: this.presenting }),
      ...(canOpen && { hosting: this.opened !== undefined }),
      ...(canOpen && session.host && { canHost: true }),
    };
  }

  /** Hears every change of the room, for the transports to pass on as `review:onDidChange`. */
  on(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the room's listener, if open (the app stops). */
  close(): Promise<void> {
    return this.serialised(() => this.shut());
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private tell(): void {
    const change = { presenting: this.presenting, hosting: this.opened !== undefined };
    for (const listener of this.listeners) listener(change);
  }

  private async open(): Promise<void> {
    const listen = this.options.listen;
    if (!listen)
      throw new StewardError(
        'invalid-argument',
        'this server cannot open another listener: it was started for the room already',
      );
    if (this.opened) return;
    const address = lanAddresses(this.options.interfaces)[0];
    if (address === undefined)
      throw new StewardError(
        'network',
        "this computer is on no network: join the room's Wi-Fi or cable, then host again",
      );
    const remembered = await this.rememberedPort();
    let served: Served;
    try {
      served = await listen(address, remembered);
    } catch (error) {
      if (remembered === 0 || !portTaken(error)) throw error;
      // The port of last time is taken now: any free one, remembered from now on.
      served = await listen(address, 0);
    }
    const port = Number(new URL(served.url).port);
    if (port !== remembered) await this.remember(port);
    const code = (this.options.newCode ?? sessionCode)();
    this.opened = { code, served, url: urlOf(address, port) };
    this.tell();
  }

  private async shut(): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    // The listener goes first: the code must hold until no browser of the room can reach us.
    await opened.served.close();
    this.opened = undefined;
    this.tell();
  }

  private async rememberedPort(): Promise<number> {
    if (!this.options.home) return 0;
    let text: string;
    try {
      text = await readFile(join(this.options.home, PORT_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let port: unknown;
    try {
      port = (JSON.parse(text) as { port?: unknown } | null)?.port;
    } catch {
      // A damaged memory of a port is no reason not to open: any free port, remembered anew.
      return 0;
    }
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536
      ? port
      : 0;
  }

  private async remember(port: number): Promise<void> {
    if (!this.options.home) return;
    await writeFile(join(this.options.home, PORT_FILE), `${JSON.stringify({ port })}\n`);
  }
}
