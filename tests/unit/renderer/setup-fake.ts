import type {
  AppView,
  EventChannel,
  Events,
  RequestChannel,
  Requests,
} from '../../../shared/api-channels';
import type { RemoteView, SyncView } from '../../../shared/api-types';
import { StewardError } from '../../../shared/errors';
import { alice, FakeClient, groupState } from './fake-client';

type Handler = (arg: Record<string, unknown>) => unknown;

/**
 * The shared fake plus what the host's machine answers: app:get, the guided start's identity and
 * group calls, and sync. Starts as a fresh machine (no identity, no group) unless told otherwise.
 */
export class HostFake extends FakeClient {
  app: AppView = { version: '1.2.3', transport: 'http', hasIdentity: false, canSwitch: true };
  remotes: RemoteView[] = [];
  /** What the next sync answers; progress events are emitted before it resolves. */
  syncResult: SyncView = {
    target: 'origin',
    route: 'http',
    objects: 12,
    bytes: 3400,
    pushed: true,
    new: { proposals: [], votes: [], closes: [], quarantined: [] },
  };
  progress: Omit<Events['sync:onDidProgress'], 'runId'>[] = [];
  /** Lets a test hold a sync open to look at its progress. */
  gate: Promise<void> = Promise.resolve();
  exported = { identity: '{"sealed":true}', name: 'Alice Smith' };
  private events = new Map<EventChannel, Set<(payload: never) => void>>();

  constructor() {
    super(groupState());
    this.session = { ...this.session, host: true };
  }

  /** A returning host: identity and group both there. */
  returning(): this {
    this.app = {
      ...this.app,
      hasIdentity: true,
      group: { dir: '/home/alice/.steward/groups/the-collective', demo: false },
    };
    this.session = { ...this.session, localIdentity: alice };
    return this;
  }

  override on<E extends EventChannel>(event: E, listener: (p: Events[E]) => void): () => void {
    const set = this.events.get(event) ?? new Set();
    this.events.set(event, set);
    set.add(listener);
    const stop = super.on(event, listener);
    return () => {
      set.delete(listener);
      stop();
    };
  }

  listening(event: EventChannel): number {
    return this.events.get(event)?.size ?? 0;
  }

  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    const own = this.host[channel];
    if (own === undefined) return super.invoke(channel, arg);
    this.calls.push({ channel, arg });
    await Promise.resolve();
    const failure = this.failNext.get(channel);
    if (failure) {
      this.failNext.delete(channel);
      throw new StewardError(failure.code, failure.message, failure.data);
    }
    return (await own(arg)) as Requests[C]['result'];
  }

  /** A progress event, as another window's run or this one's would send it. */
  emitProgress(runId: string, progress = this.progress): void {
    for (const p of progress)
      this.events.get('sync:onDidProgress')?.forEach((l) => l({ runId, ...p } as never));
  }

  private readonly host: Partial<Record<RequestChannel, Handler>> = {
    'app:get': () => structuredClone(this.app),
    'identity:create': (arg) => {
      const me = { ...alice, name: arg.name as string };
      this.app = { ...this.app, hasIdentity: true };
      this.session = { ...this.session, identity: me, localIdentity: me, member: false };
      return this.session;
    },
    'identity:import': (arg) => {
      if (arg.passphrase !== this.passphrase)
        throw new StewardError('wrong-passphrase', 'bad passphrase');
      this.app = { ...this.app, hasIdentity: true };
      return this.signInAs(alice).session;
    },
    'identity:export': () => this.exported,
    'identity:rotate': (arg) => {
      if (arg.passphrase !== this.passphrase)
        throw new StewardError('wrong-passphrase', 'bad passphrase');
      const me = { ...this.session.identity!, publicKey: 'N'.repeat(43) };
      this.session = { ...this.session, identity: me, localIdentity: me };
      return this.session;
    },
    'group:found': (arg) => {
      this.state = { ...this.state, group: { ...this.state.group!, name: arg.name as string } };
      this.session = { ...this.session, member: this.session.identity !== undefined };
      this.app = { ...this.app, group: { dir: '/g/found', name: arg.name as string, demo: false } };
      return this.app;
    },
    'group:join': (arg) => {
      this.app = { ...this.app, group: { dir: `/g/${String(arg.source)}`, demo: false } };
      return this.app;
    },
    'group:openDemo': () => {
      this.app = { ...this.app, group: { dir: '/g/demo', name: 'Demo', demo: true } };
      return this.app;
    },
    'sync:remotes': () => ({ remotes: this.remotes }),
    'sync:addRemote': (arg) => {
      this.remotes = [...this.remotes, { name: arg.name as string, url: arg.url as string }];
      return { remotes: this.remotes };
    },
    'sync:run': async (arg) => {
      this.emitProgress(arg.runId as string);
      await this.gate;
      return { ...this.syncResult, target: arg.target as string };
    },
    'sync:bundleImport': async (arg) => {
      this.emitProgress(arg.runId as string);
      await this.gate;
      return { ...this.syncResult, target: arg.name as string, route: 'bundle' };
    },
    'sync:bundleExport': () => ({ name: 'The-Collective-0123abcd.bundle', base64: 'AAEC/w==' }),
  };
}
