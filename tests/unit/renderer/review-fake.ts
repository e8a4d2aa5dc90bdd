import type { EventChannel, Events, Requests, RequestChannel } from '../../../shared/api-channels';
import type { AuditFile, ReviewView } from '../../../shared/api-types';
import type { DerivedState } from '../../../shared/derive/state';
import { StewardError } from '../../../shared/errors';
import { FakeClient } from './fake-client';

/** The shared fake plus the host-side channels the review and audit screens call. */
export class HostFake extends FakeClient {
  review: ReviewView = { urls: ['http://192.168.1.20:8787/'], code: 'K7Q2MX' };
  auditFiles: AuditFile[] = [];
  /** Where the room opens when the host hosts it. */
  roomUrl = 'http://192.168.1.20:41234';
  private readonly roomListeners = new Set<(payload: Events['review:onDidChange']) => void>();

  constructor(state?: DerivedState) {
    super(state);
  }

  /** The host's own client, in the app, with the room closed. */
  asAppHost(): this {
    this.session = { ...this.session, host: true };
    this.review = { urls: [], hosting: false, canHost: true };
    return this;
  }

  /** The presenter moved to another proposal (as the server tells every browser). */
  presentElsewhere(proposal: string): void {
    this.review = { ...this.review, presenting: proposal };
    const payload = { presenting: proposal, hosting: this.review.hosting === true };
    this.roomListeners.forEach((listener) => listener(payload));
  }

  override on<E extends EventChannel>(
    event: E,
    listener: (payload: Events[E]) => void,
  ): () => void {
    if (event !== 'review:onDidChange') return super.on(event, listener);
    const l = listener as (payload: Events['review:onDidChange']) => void;
    this.roomListeners.add(l);
    return () => this.roomListeners.delete(l);
  }

  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    if (channel === 'review:get' || channel === 'review:host' || channel === 'review:present') {
      this.calls.push({ channel, arg });
      await Promise.resolve();
      const failure = this.failNext.get(channel);
      if (failure) {
        this.failNext.delete(channel);
        throw new StewardError(failure.code, failure.message, failure.data);
      }
      if (channel === 'review:host') {
        const { open } = arg as Requests['review:host']['arg'];
        this.review = open
          ? { ...this.review, urls: [this.roomUrl], code: 'K7Q2MXAB', hosting: true }
          : { ...this.review, urls: [], code: undefined, hosting: false };
      }
      if (channel === 'review:present') {
        const { proposal } = arg as Requests['review:present']['arg'];
        this.review = { ...this.review, presenting: proposal };
      }
      return this.review;
    }
    if (channel === 'app:get' && this.session.host) {
      this.calls.push({ channel, arg });
      await Promise.resolve();
      return {
        version: '1.2.3',
        transport: 'http',
        group: { dir: '/home/alice/collective', name: 'The Collective', demo: false },
        hasIdentity: true,
        canSwitch: true,
      } as Requests[C]['result'];
    }
    if (channel === 'audit:export' && !this.failNext.has(channel)) {
      this.calls.push({ channel, arg });
      await Promise.resolve();
      return { files: this.auditFiles } as Requests[C]['result'];
    }
    return super.invoke(channel, arg);
  }
}
