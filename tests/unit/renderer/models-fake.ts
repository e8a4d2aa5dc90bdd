/**
 * The fake client with the models channels: local statuses and file checks answer at once;
 * imports, runs and evaluations wait for the test to emit their events and settle them.
 */
import type { EventChannel, Events, Requests, RequestChannel } from '../../../shared/api-channels';
import type { LocalModelStatus, ModelFileCheck } from '../../../shared/api-types';
import type { DerivedState, ModelView } from '../../../shared/derive/state';
import { StewardError, type ErrorJSON } from '../../../shared/errors';
import { alice, bob, FakeClient, groupState, proposal } from './fake-client';

type Slow = 'models:import' | 'models:run' | 'models:eval';
type Pending = {
  arg: Record<string, unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};

export const sha = (c: string): string => c.repeat(64);

export const registration = proposal({ title: 'Register Tiny GPT', status: 'passed' });
export const approval = proposal({ title: 'Use Tiny GPT for drafts', status: 'passed' });
export const openVote = proposal({ title: 'Adopt Tiny GPT' });

export const tinyGpt: ModelView = {
  slug: 'tiny-gpt',
  name: 'Tiny GPT',
  license: 'MIT',
  versions: [
    {
      version: '1.0',
      files: [
        { path: 'config.json', sha256: sha('1') },
        { path: 'onnx/model.onnx', sha256: sha('2') },
      ],
      proposal: registration.id,
    },
    {
      version: '2.0',
      files: [{ path: 'onnx/model.onnx', sha256: sha('3') }],
      proposal: registration.id,
    },
  ],
  approvals: [{ version: '1.0', purpose: 'drafting replies', proposal: approval.id }],
  owners: [
    { member: alice.id, shares: 60 },
    { member: bob.id, shares: 40 },
  ],
  retired: false,
  registeredBy: alice.id,
  history: [],
};

export const modelsState = (): DerivedState => {
  const state = groupState([registration, approval, openVote]);
  return { ...state, models: [tinyGpt, ...state.models] };
};

export class ModelsClient extends FakeClient {
  statuses: LocalModelStatus[] = [
    {
      model: 'tiny-gpt',
      version: '1.0',
      status: 'runnable',
      imported: '2026-11-01T00:00:00Z',
      bytes: 2048,
    },
    {
      model: 'tiny-gpt',
      version: '2.0',
      status: 'not-imported',
      message: 'tiny-gpt@2.0 is not imported on this machine',
    },
    {
      model: 'tiny-bert',
      version: '1.0',
      status: 'files-differ',
      message: 'onnx/model.onnx differs',
    },
  ];
  checks = new Map<string, ModelFileCheck>();
  private pending = new Map<Slow, Pending>();
  private modelListeners = new Map<EventChannel, Set<(payload: never) => void>>();

  constructor(state: DerivedState = modelsState()) {
    super(state);
  }

  /** The host's own browser, signed in as Alice. */
  asHost(): this {
    this.signInAs(alice);
    this.session = { ...this.session, host: true };
    return this;
  }

  override on<E extends EventChannel>(event: E, listener: (payload: Events[E]) => void) {
    if (!event.startsWith('models:')) return super.on(event, listener);
    const set = this.modelListeners.get(event) ?? new Set();
    this.modelListeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends EventChannel>(event: E, payload: Events[E]): void {
    this.modelListeners.get(event)?.forEach((listener) => listener(payload as never));
  }

  /** The argument of the request on `channel` waiting to be settled. */
  waiting(channel: Slow): Record<string, unknown> {
    const p = this.pending.get(channel);
    if (!p) throw new Error(`nothing waits on ${channel}`);
    return p.arg;
  }

  answer<C extends Slow>(channel: C, result: Requests[C]['result']): void {
    this.take(channel).resolve(result);
  }

  refuse(channel: Slow, error: ErrorJSON): void {
    this.take(channel).reject(new StewardError(error.code, error.message, error.data));
  }

  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    // The host's client asks what this machine holds before it shows the app.
    if (channel === 'app:get')
      return {
        version: '0.0.0-test',
        transport: 'http',
        hasIdentity: true,
        canSwitch: false,
        group: { dir: '/home/alice/group', demo: false },
      } as never;
    if (!channel.startsWith('models:')) return super.invoke(channel, arg);
    this.calls.push({ channel, arg });
    await Promise.resolve();
    const a = arg as Record<string, unknown>;
    const failure = this.failNext.get(channel);
    if (failure) {
      this.failNext.delete(channel);
      throw new StewardError(failure.code, failure.message, failure.data);
    }
    if (channel === 'models:local') return { models: structuredClone(this.statuses) } as never;
    if (channel === 'models:cancel') return { cancelled: true } as never;
    if (channel === 'models:verify') {
      const check = this.checks.get(`${String(a.model)}@${String(a.version)}`);
      if (!check) throw new StewardError('not-found', 'no such version');
      return check;
    }
    return new Promise<unknown>((resolve, reject) =>
      this.pending.set(channel as Slow, { arg: a, resolve, reject }),
    ) as Promise<Requests[C]['result']>;
  }

  private take(channel: Slow): Pending {
    const p = this.pending.get(channel);
    if (!p) throw new Error(`nothing waits on ${channel}`);
    this.pending.delete(channel);
    return p;
  }
}
