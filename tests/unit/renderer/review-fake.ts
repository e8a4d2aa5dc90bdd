import type { Requests, RequestChannel } from '../../../shared/api-channels';
import type { AuditFile, ReviewView } from '../../../shared/api-types';
import type { DerivedState } from '../../../shared/derive/state';
import { FakeClient } from './fake-client';

/** The shared fake plus the host-side channels the review and audit screens call. */
export class HostFake extends FakeClient {
  review: ReviewView = { urls: ['http://192.168.1.20:8787/'], code: 'K7Q2MX' };
  auditFiles: AuditFile[] = [];

  constructor(state?: DerivedState) {
    super(state);
  }

  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    if (channel === 'review:get') {
      this.calls.push({ channel, arg });
      await Promise.resolve();
      return this.review;
    }
    if (channel === 'audit:export' && !this.failNext.has(channel)) {
      this.calls.push({ channel, arg });
      await Promise.resolve();
      return { files: this.auditFiles } as Requests[C]['result'];
    }
    return super.invoke(channel, arg);
  }
}
